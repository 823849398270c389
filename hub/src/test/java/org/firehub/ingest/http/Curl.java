package org.firehub.ingest.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real curl binary: an outside client that shares no code with the hub. */
public final class Curl {
    public record Result(int status, String body) {}

    private Curl() {}

    /** Runs {@code curl -s -S -w '\n%{http_code}' args…}; the last output line is the status. */
    public static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-S", "--max-time", "20", "-w", "\n%{http_code}"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("curl did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        int lastNewline = text.lastIndexOf('\n');
        return new Result(Integer.parseInt(text.substring(lastNewline + 1).trim()), text.substring(0, Math.max(0, lastNewline)));
    }
}
