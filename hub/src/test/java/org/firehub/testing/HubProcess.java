package org.firehub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The hub as a separate operating-system process, as an operator runs it, so a test can
 * {@code kill -9} it. Same classpath as the test JVM; configured only through the contract's
 * environment variables.
 */
public final class HubProcess implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "test-admin-password-0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final java.util.concurrent.atomic.AtomicInteger STARTS = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, String> env;
    private final Path home;
    private Path logFile;
    private Process process;

    private HubProcess(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    /** A hub on free loopback ports, with the given PostgreSQL and InfluxDB, data under {@code home}. */
    public static HubProcess create(Path home, String pgUrl, String influxUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("FIREHUB_HOME", home.toString());
        env.put("FIREHUB_HTTP_PORT", Integer.toString(FreePorts.next()));
        env.put("FIREHUB_MQTT_PORT", Integer.toString(FreePorts.next()));
        env.put("FIREHUB_MQTTS_PORT", Integer.toString(FreePorts.next()));
        env.put("FIREHUB_COAP_PORT", Integer.toString(FreePorts.nextUdp()));
        env.put("FIREHUB_COAPS_PORT", Integer.toString(FreePorts.nextUdp()));
        env.put("FIREHUB_BIND_HOST", "127.0.0.1");
        env.put("FIREHUB_PG_URL", pgUrl);
        env.put("FIREHUB_PG_USER", "postgres");
        env.put("FIREHUB_INFLUX_URL", influxUrl);
        env.put("FIREHUB_INFLUX_DB", "firehub");
        env.put("FIREHUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("FIREHUB_CONFIG", home.resolve("no-config-file.properties").toString());
        env.put("FIREHUB_CONFIG_DIR", Path.of("..", "config").toAbsolutePath().normalize().toString());
        return new HubProcess(env, home);
    }

    public HubProcess with(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** The environment the hub gets: also usable to start a {@code Hub} in this JVM. */
    public Map<String, String> environment() {
        return Map.copyOf(env);
    }

    public int httpPort() {
        return Integer.parseInt(env.get("FIREHUB_HTTP_PORT"));
    }

    public int mqttPort() {
        return Integer.parseInt(env.get("FIREHUB_MQTT_PORT"));
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort();
    }

    public int coapPort() {
        return Integer.parseInt(env.get("FIREHUB_COAP_PORT"));
    }

    public int coapsPort() {
        return Integer.parseInt(env.get("FIREHUB_COAPS_PORT"));
    }

    public String mqttUrl() {
        return "tcp://127.0.0.1:" + mqttPort();
    }

    /** Starts the hub and waits until {@code /health} answers at all (200 or 503). */
    public HubProcess start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.firehub.app.Main"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        try {
            // Logs outlive the test's temporary home, so a failed CI run can be read afterwards.
            Path logDir = Path.of("target", "hub-process-logs").toAbsolutePath();
            Files.createDirectories(logDir);
            if (logFile == null) logFile = logDir.resolve("hub-" + ProcessHandle.current().pid() + "-" + STARTS.incrementAndGet() + ".log");
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Files.createDirectories(home);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Await.until("hub /health to answer (see " + logFile + ")", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) throw new AssertionError("hub exited with " + process.exitValue() + "; log:\n" + log());
            return healthStatus() > 0;
        });
        return this;
    }

    /** The HTTP status of {@code /health}, or 0 when the hub does not answer. */
    public int healthStatus() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(httpUrl() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    public String health() {
        return get("/health").body();
    }

    /** SIGKILL: no shutdown hook, no flush; what the spool fsync'd is all that survives. */
    public void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String adminToken() {
        return post("/api/v1/login", null, Map.of("username", "admin", "password", ADMIN_PASSWORD), 200).path("token").asText();
    }

    /** Registers a venue and a device through the REST API; returns the device's token. */
    public String registerDevice(String adminToken, String deviceId, String kind) {
        return registerDeviceWithSecrets(adminToken, deviceId, kind).path("token").asText();
    }

    /** Registers a venue and a device; returns the registration answer ({@code deviceId, token, psk}). */
    public JsonNode registerDeviceWithSecrets(String adminToken, String deviceId, String kind) {
        long venueId = post("/api/v1/venues", adminToken,
                Map.of("name", "Venue of " + deviceId, "address", "1 Test Road", "type", "restaurant", "grid", "G01"), 201)
                .path("id").asLong();
        return post("/api/v1/devices", adminToken, Map.of("deviceId", deviceId, "kind", kind, "venueId", venueId), 201);
    }

    public HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(httpUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode post(String path, String bearer, Map<String, ?> body, int expectedStatus) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(httpUrl() + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (bearer != null) request.header("Authorization", "Bearer " + bearer);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Graceful stop (SIGTERM): the shutdown hook runs. */
    @Override
    public void close() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
