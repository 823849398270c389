package org.firehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.firehub.testing.Await;
import org.firehub.testing.HubProcess;
import org.firehub.testing.SseClient;
import org.firehub.testing.TestInflux;
import org.firehub.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules and alarms as an operator meets them: devices send over the wire contract to a running
 * hub with the shipped rule catalogue, and alarms show up on the live feed and in the alarm API.
 * Readings carry device timestamps, so hold times are exercised without waiting for them.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AlarmsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration FEED_WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path home;
    @TempDir
    static Path configDir;

    private static HubProcess hub;
    private static String admin;

    @BeforeAll
    static void startHub() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "config"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        copyTree(Path.of("..", "config", "carriers"), configDir.resolve("carriers"));
        hub = HubProcess.create(home, TestPostgres.shared().newDatabase("alarms_e2e"), TestInflux.shared().url())
                .with("FIREHUB_INFLUX_DB", "firehub_alarms_e2e")
                .with("FIREHUB_CONFIG_DIR", configDir.toString())
                .start();
        Await.until("hub healthy", Duration.ofSeconds(60), () -> hub.healthStatus() == 200);
        admin = hub.adminToken();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) hub.close();
    }

    @Test
    void twoSmokeAlarmsInOneVenueAreDeviceAlarmsAndAConfirmedFireOnTheLiveFeed() throws Exception {
        long venue = venue("restaurant");
        String first = device("e2e-fire-1", "smoke", venue);
        String second = device("e2e-fire-2", "smoke", venue);
        long now = System.currentTimeMillis();
        try (SseClient feed = SseClient.connected(hub.httpUrl() + "/api/v1/alarms/stream", admin)) {
            send("e2e-fire-1", first, "events", "{\"ts\":%d,\"events\":[\"alarm\"]}".formatted(now));
            JsonNode raised = nextFor(feed, venue, "alarm.raised");
            assertThat(raised.path("deviceId").asText()).isEqualTo("e2e-fire-1");
            assertThat(raised.path("hazard").asText()).isEqualTo("smoke_alarm");
            assertThat(raised.path("severity").asText()).isEqualTo("critical");
            assertThat(activeAlarms(venue)).extracting(a -> a.path("hazard").asText()).containsExactly("smoke_alarm");

            send("e2e-fire-2", second, "events", "{\"ts\":%d,\"events\":[\"alarm\"]}".formatted(now + 20_000));
            List<JsonNode> next = List.of(nextFor(feed, venue, "alarm.raised"), nextFor(feed, venue, "alarm.raised"));
            assertThat(next).extracting(a -> a.path("hazard").asText()).containsExactlyInAnyOrder("smoke_alarm", "confirmed_fire");
            JsonNode fire = next.stream().filter(a -> a.path("hazard").asText().equals("confirmed_fire")).findFirst().orElseThrow();
            assertThat(fire.path("deviceId").isNull()).as("a confirmed fire is the venue's alarm").isTrue();
            assertThat(fire.path("severity").asText()).isEqualTo("critical");

            send("e2e-fire-1", first, "events", "{\"ts\":%d,\"events\":[\"alarm_cleared\"]}".formatted(now + 30_000));
            JsonNode cleared = nextFor(feed, venue, "alarm.cleared");
            assertThat(cleared.path("deviceId").asText()).isEqualTo("e2e-fire-1");
            assertThat(cleared.path("clearedAt").isNull()).isFalse();
        }
        assertThat(activeAlarms(venue)).extracting(a -> a.path("deviceId").asText()).doesNotContain("e2e-fire-1");
    }

    @Test
    void gasReadingsRaiseOnlyOnceTheHoldHasElapsedAndClearOnlyAfterTheClearHold() throws Exception {
        long venue = venue("shop");
        String token = device("e2e-gas-hold", "gas", venue);
        long t0 = System.currentTimeMillis() - 600_000;
        // 30 %LEL is past the 25 %LEL low alarm; the shipped hold is 5 s of device time.
        for (int s = 0; s <= 4; s++) gas("e2e-gas-hold", token, t0 + s * 1000L, 30);
        awaitEvaluated();
        assertThat(activeAlarms(venue)).as("no alarm before the 5 s hold").isEmpty();

        gas("e2e-gas-hold", token, t0 + 5000, 31);
        JsonNode raised = Await.value("the low gas alarm", FEED_WAIT, () -> activeAlarms(venue), a -> !a.isEmpty()).get(0);
        assertThat(raised.path("hazard").asText()).isEqualTo("gas_leak_low");
        assertThat(raised.path("values").path("gas_lel_pct").asDouble()).isEqualTo(31.0);

        // Back under the clear level: the shipped clear hold is 30 s; 20 s of clean air is not enough.
        gas("e2e-gas-hold", token, t0 + 6000, 5);
        gas("e2e-gas-hold", token, t0 + 26_000, 5);
        awaitEvaluated();
        assertThat(activeAlarms(venue)).as("still active inside the clear hold").hasSize(1);
        gas("e2e-gas-hold", token, t0 + 36_000, 5);
        Await.until("the gas alarm cleared", FEED_WAIT, () -> activeAlarms(venue).isEmpty());
    }

    @Test
    void aStormOfRepeatsOverManyConnectionsMakesOneAlarm() throws Exception {
        long venue = venue("rental_housing");
        String token = device("e2e-storm", "smoke", venue);
        long ts = System.currentTimeMillis();
        try (SseClient feed = SseClient.connected(hub.httpUrl() + "/api/v1/alarms/stream", admin)) {
            List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
            HttpClient[] clients = new HttpClient[8];
            for (int i = 0; i < clients.length; i++) clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 200; i++) {
                sends.add(clients[i % clients.length].sendAsync(eventRequest("e2e-storm", token,
                        "{\"ts\":%d,\"events\":[\"alarm\"]}".formatted(ts + i)), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> send : sends) assertThat(send.get().statusCode()).isEqualTo(202);
            assertThat(nextFor(feed, venue, "alarm.raised").path("deviceId").asText()).isEqualTo("e2e-storm");
            awaitEvaluated();
            assertThat(alarms("deviceId=e2e-storm")).hasSize(1);
            assertThat(noMoreFor(feed, venue)).as("one raised event, not one per repeat").isTrue();
        }
    }

    @Test
    void aRuleFileEditIsAppliedLiveAndABrokenOneIsRefusedWithItsLine() throws Exception {
        long venue = venue("factory");
        String token = device("e2e-gas-reload", "gas", venue);
        Path rules = configDir.resolve("rules.yaml");
        String shipped = Files.readString(rules);
        try {
            Files.writeString(rules, shipped + "\nbogus_section: [\n");
            JsonNode refused = Await.value("the refusal", Duration.ofSeconds(15),
                    () -> ruleStatus().path("status").path("lastRefused"), r -> r.isObject());
            // The problem is in the appended lines, and the error names the file and line.
            int shippedLines = (int) shipped.lines().count();
            assertThat(refused.path("problems").get(0).path("line").asInt()).isGreaterThan(shippedLines);
            assertThat(refused.path("error").asText()).contains("rules.yaml:" + refused.path("problems").get(0).path("line").asInt());

            // Lower the low-gas level for this one device only; the rules in force keep working meanwhile.
            Files.writeString(rules, shipped.replace("overrides:\n  venues: {}\n  devices: {}",
                    "overrides:\n  venues: {}\n  devices:\n    e2e-gas-reload:\n      gas.leak_low: {raise_at: 10, hold: 0s}"));
            Await.until("the edited rules applied", Duration.ofSeconds(15),
                    () -> ruleStatus().path("overrides").path("devices").has("e2e-gas-reload"));
            gas("e2e-gas-reload", token, System.currentTimeMillis(), 12);
            JsonNode raised = Await.value("an alarm at the overridden level", FEED_WAIT, () -> activeAlarms(venue), a -> !a.isEmpty()).get(0);
            assertThat(raised.path("hazard").asText()).isEqualTo("gas_leak_low");
        } finally {
            Files.writeString(rules, shipped);
        }
    }

    @Test
    void aDeviceAlarmOpensOneTicketAndARecurrenceCountsAnOccurrenceOnIt() throws Exception {
        long venue = venue("shop");
        String token = device("e2e-ticket-smoke", "smoke", venue);
        long now = System.currentTimeMillis();
        send("e2e-ticket-smoke", token, "events", "{\"ts\":%d,\"events\":[\"alarm\"]}".formatted(now));
        JsonNode ticket = Await.value("the ticket the alarm opened", FEED_WAIT,
                () -> list("/api/v1/tickets?state=OPEN&venueId=" + venue), t -> !t.isEmpty()).get(0);
        assertThat(ticket.path("deviceId").asText()).isEqualTo("e2e-ticket-smoke");
        assertThat(ticket.path("hazard").asText()).isEqualTo("smoke_alarm");
        assertThat(ticket.path("severity").asText()).isEqualTo("critical");
        assertThat(ticket.path("occurrences").asInt()).isEqualTo(1);

        // Cleared by the device, then raised again: a second alarm, but the same open ticket.
        send("e2e-ticket-smoke", token, "events", "{\"ts\":%d,\"events\":[\"alarm_cleared\"]}".formatted(now + 1000));
        Await.until("the alarm cleared", FEED_WAIT, () -> activeAlarms(venue).isEmpty());
        send("e2e-ticket-smoke", token, "events", "{\"ts\":%d,\"events\":[\"alarm\"]}".formatted(now + 2000));
        Await.until("the second occurrence", FEED_WAIT,
                () -> list("/api/v1/tickets?venueId=" + venue).get(0).path("occurrences").asInt() == 2);
        assertThat(alarms("venueId=" + venue)).hasSize(2);
        assertThat(list("/api/v1/tickets?venueId=" + venue)).hasSize(1);
    }

    // --- helpers ------------------------------------------------------------------------------

    private static List<JsonNode> list(String path) {
        List<JsonNode> list = new ArrayList<>();
        getJson(path).forEach(list::add);
        return list;
    }

    private static long venue(String type) {
        return hub.post("/api/v1/venues", admin, Map.of("name", "E2E " + type, "address", "2 Test Road", "type", type,
                "grid", "G01"), 201).path("id").asLong();
    }

    private static String device(String id, String kind, long venue) {
        return hub.post("/api/v1/devices", admin, Map.of("deviceId", id, "kind", kind, "venueId", venue), 201)
                .path("token").asText();
    }

    private static void gas(String deviceId, String token, long ts, double lel) throws Exception {
        send(deviceId, token, "telemetry", "{\"ts\":%d,\"readings\":{\"gas_lel_pct\":%s}}".formatted(ts, lel));
    }

    private static void send(String deviceId, String token, String channel, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(20)).uri(URI.create(hub.httpUrl() + "/api/v1/devices/" + deviceId + "/" + channel))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static HttpRequest eventRequest(String deviceId, String token, String body) {
        return HttpRequest.newBuilder().timeout(Duration.ofSeconds(20)).uri(URI.create(hub.httpUrl() + "/api/v1/devices/" + deviceId + "/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static List<JsonNode> activeAlarms(long venue) {
        return alarms("active=true&venueId=" + venue);
    }

    private static List<JsonNode> alarms(String query) {
        JsonNode array = getJson("/api/v1/alarms?" + query);
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static JsonNode ruleStatus() {
        return getJson("/api/v1/rules");
    }

    private static JsonNode getJson(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(20)).uri(URI.create(hub.httpUrl() + path))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the engine has evaluated every message stored so far (its queue is empty). */
    private static void awaitEvaluated() {
        Await.until("the rule engine's queue drained", FEED_WAIT, () -> {
            String metrics = hub.get("/metrics").body();
            return metrics.lines().filter(l -> l.startsWith("firehub_rules_queue_depth"))
                    .allMatch(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) == 0.0)
                    && metrics.contains("firehub_rules_queue_depth");
        });
    }

    /** The next feed event of {@code name} about {@code venue}, skipping other tests' events. */
    private static JsonNode nextFor(SseClient feed, long venue, String name) throws Exception {
        long deadline = System.nanoTime() + FEED_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            SseClient.Event event = feed.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            JsonNode alarm = JSON.readTree(event.data());
            if (event.name().equals(name) && alarm.path("venueId").asLong() == venue) return alarm;
        }
        throw new AssertionError("no " + name + " for venue " + venue + " within " + FEED_WAIT);
    }

    private static boolean noMoreFor(SseClient feed, long venue) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            SseClient.Event event;
            try {
                event = feed.next(Duration.ofMillis(200));
            } catch (AssertionError none) {
                continue;
            }
            if (JSON.readTree(event.data()).path("venueId").asLong() == venue) return false;
        }
        return true;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) return;
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) Files.createDirectories(target);
                else Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
