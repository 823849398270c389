package org.firehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.firehub.testing.Await;
import org.firehub.testing.HubProcess;
import org.firehub.testing.SseClient;
import org.firehub.testing.TestInflux;
import org.firehub.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub killed with {@code kill -9} comes back knowing its alarms: an active alarm is neither
 * raised a second time nor forgotten (the device's clear still clears it). Supervision across
 * restarts is tested with a controllable clock in {@code SupervisionTest}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AlarmsRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path home;

    private HubProcess hub;

    @AfterEach
    void stop() {
        if (hub != null) hub.close();
    }

    @Test
    void anActiveAlarmSurvivesKill9WithoutBeingRaisedAgainAndStillClears() throws Exception {
        hub = HubProcess.create(home, TestPostgres.shared().newDatabase("alarms_restart"), TestInflux.shared().url())
                .with("FIREHUB_INFLUX_DB", "firehub_alarms_restart").start();
        Await.until("hub healthy", Duration.ofSeconds(60), () -> hub.healthStatus() == 200);
        String admin = hub.adminToken();
        long venue = hub.post("/api/v1/venues", admin, Map.of("name", "Restart Inn", "address", "3 Test Road",
                "type", "rental_housing", "grid", "G02"), 201).path("id").asLong();
        String token = hub.post("/api/v1/devices", admin, Map.of("deviceId", "restart-smoke", "kind", "smoke",
                "venueId", venue), 201).path("token").asText();

        send(token, "restart-smoke", "{\"ts\":%d,\"events\":[\"alarm\"]}".formatted(System.currentTimeMillis()));
        Await.until("the smoke alarm", Duration.ofSeconds(10), () -> alarms(admin, "deviceId=restart-smoke").size() == 1);

        hub.kill9();
        hub.start();
        Await.until("hub healthy again", Duration.ofSeconds(60), () -> hub.healthStatus() == 200);
        String admin2 = hub.adminToken();
        try (SseClient feed = SseClient.connected(hub.httpUrl() + "/api/v1/alarms/stream", admin2)) {
            send(token, "restart-smoke", "{\"ts\":%d,\"events\":[\"alarm\"]}".formatted(System.currentTimeMillis()));
            Await.until("the repeat evaluated", Duration.ofSeconds(10), () -> metric("firehub_rules_evaluated_total") >= 1);
            List<JsonNode> all = alarms(admin2, "deviceId=restart-smoke");
            assertThat(all).as("the alarm from before the crash, not a second one").hasSize(1);
            assertThat(all.get(0).path("clearedAt").isNull()).isTrue();

            send(token, "restart-smoke", "{\"ts\":%d,\"events\":[\"alarm_cleared\"]}".formatted(System.currentTimeMillis()));
            SseClient.Event cleared = feed.next(Duration.ofSeconds(10));
            assertThat(cleared.name()).as("the first event after the restart").isEqualTo("alarm.cleared");
            assertThat(cleared.json().getString("deviceId")).isEqualTo("restart-smoke");
        }
        assertThat(alarms(admin2, "active=true&deviceId=restart-smoke")).isEmpty();
    }

    private void send(String token, String deviceId, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(hub.httpUrl() + "/api/v1/devices/" + deviceId + "/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private List<JsonNode> alarms(String admin, String query) {
        try {
            return list(admin, query);
        } catch (Exception e) {
            throw new IllegalStateException("GET /api/v1/alarms?" + query + " failed", e);
        }
    }

    private List<JsonNode> list(String admin, String query) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(20)).uri(URI.create(hub.httpUrl() + "/api/v1/alarms?" + query))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        JSON.readTree(response.body()).forEach(list::add);
        return list;
    }

    private double metric(String name) {
        return hub.get("/metrics").body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
