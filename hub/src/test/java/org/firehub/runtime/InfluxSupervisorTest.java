package org.firehub.runtime;

import org.firehub.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.firehub.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfluxSupervisorTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private InfluxSupervisor supervisor() {
        return new InfluxSupervisor(dir, FreePorts.next(), FreePorts.next(), registry, Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    @Test
    void restartsInfluxdKilledBehindItsBack() throws Exception {
        try (InfluxSupervisor influx = supervisor()) {
            influx.start(Duration.ofSeconds(30));
            long first = influx.pid();
            assertThat(pings(influx.url())).isTrue();

            ProcessTable.signal(first, "KILL");

            Await.until("influxd restarted and answering", Duration.ofSeconds(30), () -> influx.pid() != first && pings(influx.url()));
            assertThat(registry.get(InfluxSupervisor.RESTARTS_METRIC).counter().count()).isEqualTo(1.0);
            assertThat(ProcessTable.pidFromFile(dir.resolve("influxd.pid"))).contains(influx.pid());
        }
    }

    @Test
    void stopsInfluxdOnClose() throws Exception {
        InfluxSupervisor influx = supervisor();
        influx.start(Duration.ofSeconds(30));
        long pid = influx.pid();
        influx.close();

        assertThat(ProcessTable.isRunning(pid)).isFalse();
        assertThat(pings(influx.url())).isFalse();
        assertThat(dir.resolve("influxd.pid")).doesNotExist();
        assertThat(registry.get(InfluxSupervisor.RESTARTS_METRIC).counter().count())
                .as("a deliberate stop is not a restart").isZero();
    }

    @Test
    void stopsTheInfluxdOfAKilledHubAndKeepsItsData() throws Exception {
        int http = FreePorts.next();
        int rpc = FreePorts.next();
        long orphan = KilledHub.runAndKill("influx", dir, http, rpc);
        assertThat(ProcessTable.isRunning(orphan)).as("influxd outlives the killed hub").isTrue();

        try (InfluxSupervisor influx = new InfluxSupervisor(dir, http, rpc, registry)) {
            influx.start(Duration.ofSeconds(30));
            assertThat(ProcessTable.isRunning(orphan)).as("orphan stopped").isFalse();
            assertThat(influx.pid()).isNotEqualTo(orphan);
            assertThat(query(influx.url(), "SHOW DATABASES")).contains("written_before_kill");
        }
    }

    @Test
    void neverSignalsAnUnrelatedProcessNamedInAStalePidFile() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dir.resolve("influxd.pid"), Long.toString(unrelated.pid()));
            try (InfluxSupervisor influx = supervisor()) {
                influx.start(Duration.ofSeconds(30));
                assertThat(unrelated.isAlive()).isTrue();
                assertThat(ProcessTable.pidFromFile(dir.resolve("influxd.pid"))).contains(influx.pid());
            }
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void refusesASecondSupervisorOnTheSameDirectory() throws Exception {
        try (InfluxSupervisor first = supervisor(); InfluxSupervisor second = supervisor()) {
            first.start(Duration.ofSeconds(30));
            assertThatThrownBy(() -> second.start(Duration.ofSeconds(30)))
                    .isInstanceOf(IOException.class).hasMessageContaining("already in use by another running hub");
            assertThat(pings(first.url())).isTrue();
        }
    }

    @Test
    void explainsWhenItsPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             InfluxSupervisor influx = new InfluxSupervisor(dir, taken.getLocalPort(), FreePorts.next(), registry)) {
            assertThatThrownBy(() -> influx.start(Duration.ofSeconds(30)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort()).hasMessageContaining("service influxdb stop");
        }
    }

    static boolean pings(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/ping")).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String query(String url, String q) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/query?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
