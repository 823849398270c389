package org.firehub.ingest.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's {@code coap-client-openssl} (libcoap3-bin): a CoAP stack the hub did not write. */
final class LibcoapClient {
    static final Path BINARY = Path.of("/usr/bin/coap-client-openssl");

    record Result(int exitCode, String output) {}

    private LibcoapClient() {}

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** POSTs a JSON body; with {@code identity} and {@code key} over DTLS PSK. */
    static Result post(String uri, String json, String identity, String key) throws Exception {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-m", "post", "-t", "50", "-e", json, "-B", "8"));
        if (identity != null) command.addAll(List.of("-u", identity, "-k", key));
        command.add(uri);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("coap-client finished").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
