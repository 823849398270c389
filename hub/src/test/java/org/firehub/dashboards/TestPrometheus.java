package org.firehub.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.firehub.testing.Await;
import org.firehub.testing.FreePorts;

/**
 * The real Prometheus (Debian package {@code prometheus}) as a child process on a free loopback
 * port, scraping one target's {@code /metrics} every second into a throw-away TSDB.
 */
final class TestPrometheus implements AutoCloseable {
    private static final String BINARY = "/usr/bin/prometheus";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final String url;
    private final Path log;

    private TestPrometheus(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts Prometheus scraping {@code http://target/metrics} every second; waits until it is ready. */
    static TestPrometheus scraping(String target, Path dir) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " missing: install the Debian package prometheus (apt-get install prometheus)");
        }
        int port = FreePorts.next();
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: firehub
                        scrape_interval: 1s
                        scrape_timeout: 1s
                        metrics_path: /metrics
                        static_configs:
                          - targets: ['%s']
                    """.formatted(target));
            Path logDir = Path.of("target", "prometheus-logs").toAbsolutePath();
            Files.createDirectories(logDir);
            Path log = logDir.resolve("prometheus-" + ProcessHandle.current().pid() + "-" + port + ".log");
            Process process = new ProcessBuilder(BINARY,
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            TestPrometheus prometheus = new TestPrometheus(process, "http://127.0.0.1:" + port, log);
            Await.until("prometheus ready (see " + log + ")", Duration.ofSeconds(30), prometheus::ready);
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return url;
    }

    /** An instant query now: the whole answer ({@code status}, {@code data.result}, or {@code error}). */
    JsonNode query(String promQl) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
    }

    private boolean ready() {
        if (!process.isAlive()) throw new AssertionError("prometheus exited with " + process.exitValue() + "; see " + log);
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("prometheus " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
