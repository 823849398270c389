package org.firehub.sim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of a process, read from Linux's {@code /proc/<pid>/stat} and
 * {@code /proc/<pid>/status}, so the bench can say what the hub and Mosquitto cost while loaded.
 */
public final class ProcStats {
    /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream Linux. */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {}

    /** One reading: CPU seconds used so far (user + system) and VmRSS in KiB. */
    public record Sample(long pid, double cpuSeconds, long rssKib, long nanoTime) {
        /** Average CPU use between {@code earlier} and this sample, in % of one core. */
        public double cpuPercentSince(Sample earlier) {
            double wall = (nanoTime - earlier.nanoTime) / 1e9;
            return wall <= 0 ? 0 : 100.0 * (cpuSeconds - earlier.cpuSeconds) / wall;
        }
    }

    public static Sample sample(long pid) throws IOException {
        long now = System.nanoTime();
        return new Sample(pid, cpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))),
                rssKib(Files.readString(Path.of("/proc", Long.toString(pid), "status"))), now);
    }

    /** utime + stime (fields 14 and 15); parsed after the last ')' since the command name may hold spaces. */
    static double cpuSeconds(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        String[] fields = stat.substring(close + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        if (fields.length < 13) throw new IllegalArgumentException("short /proc/<pid>/stat line: " + stat);
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    static long rssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
        throw new IllegalArgumentException("no VmRSS line in /proc/<pid>/status");
    }

    /** The pid of a running hub: a process whose command line names {@code org.firehub.app.Main}. */
    /**
     * Every java process running the hub's main class. More than one (a test suite's hub, a second
     * checkout) means the caller must be told which: sampling the wrong one gives plausible nonsense.
     */
    public static List<Long> findHubs() throws IOException {
        return findAllByCommandLine("org.firehub.app.Main");
    }

    static Optional<Long> findByCommandLine(String needle) throws IOException {
        return findAllByCommandLine(needle).stream().findFirst();
    }

    static List<Long> findAllByCommandLine(String needle) throws IOException {
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> Long.parseLong(p.getFileName().toString()) != self)
                    .filter(p -> commandLine(p).contains(needle) && commandLine(p).contains("java"))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    private static String commandLine(Path procDir) {
        try {
            return new String(Files.readAllBytes(procDir.resolve("cmdline"))).replace('\0', ' ');
        } catch (IOException goneOrForbidden) {
            return ""; // processes come and go while /proc is scanned
        }
    }
}
