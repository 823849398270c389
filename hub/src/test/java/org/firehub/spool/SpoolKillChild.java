package org.firehub.spool;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.firehub.timeseries.TestMessages;
import org.firehub.timeseries.WriteOutcome;

/**
 * The process {@link SpoolKillTest} kills: appends from several devices as fast as it can and
 * prints {@code acked <device> <i>} for every acknowledged append, until it is killed.
 */
public final class SpoolKillChild {
    private SpoolKillChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int devices = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, false);
        Spool spool = Spool.open(SpoolConfig.defaults(dir).withSizes(256 << 10, 64 << 20),
                batch -> new WriteOutcome.Retryable("not draining"), new SimpleMeterRegistry());
        List<Thread> threads = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            String device = "killed-" + d;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; ; i++) {
                    spool.append(TestMessages.reading(device, i)).join();
                    synchronized (out) {
                        out.println("acked " + device + " " + i);
                        out.flush();
                    }
                }
            }));
        }
        for (Thread t : threads) t.join();
    }
}
