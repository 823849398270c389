package org.firehub.runtime;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A hub JVM that starts one embedded server and is then {@code kill -9}ed by the test: the
 * situation the next start must cope with. {@link #main} is the child's side.
 */
final class KilledHub {
    private KilledHub() {}

    /** Starts the child, waits until its server is up, kills it with SIGKILL, returns the server's pid. */
    static long runAndKill(String server, Path dir, int port, int rpcPort) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                KilledHub.class.getName(), server, dir.toString(), Integer.toString(port), Integer.toString(rpcPort)))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
                    child.waitFor(30, TimeUnit.SECONDS);
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } finally {
            child.destroyForcibly();
        }
        throw new IOException("child hub exited before its " + server + " was ready (code " + child.waitFor() + ")");
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        long pid;
        if (args[0].equals("postgres")) {
            EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir, EmbeddedPostgresServerTest.BINARIES, port);
            PgSettings s = pg.settings();
            try (var c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password()); var st = c.createStatement()) {
                st.execute("CREATE TABLE written_before_kill (note text)");
                st.execute("INSERT INTO written_before_kill VALUES ('survives')");
            }
            pid = ProcessTable.pidFromFile(dir.resolve("postmaster.pid")).orElseThrow();
        } else {
            InfluxSupervisor influx = new InfluxSupervisor(dir, port, Integer.parseInt(args[3]), new SimpleMeterRegistry());
            influx.start(Duration.ofSeconds(60));
            InfluxDatabase.ensure(influx.url(), null, null, "written_before_kill", "autogen", "inf");
            pid = influx.pid();
        }
        System.out.println("READY " + pid);
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(); // until the test kill -9s this JVM
    }
}
