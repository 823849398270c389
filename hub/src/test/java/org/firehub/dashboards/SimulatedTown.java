package org.firehub.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.firehub.testing.HubProcess;

/**
 * A small town feeding a running hub the way real devices do: a noodle house with a smoke
 * detector (staying connected over MQTT), a gas detector and an electrical fire monitor (HTTP),
 * and a bike shed with a smoke detector and a water-pressure sensor (HTTP). Readings carry no
 * {@code ts}, so they are stored at arrival time, inside the dashboards' time range.
 */
final class SimulatedTown implements AutoCloseable {
    static final String NOODLE_SMOKE = "nh-smoke-1";
    static final String NOODLE_GAS = "nh-gas-1";
    static final String NOODLE_ELECTRICAL = "nh-elec-1";
    static final String SHED_SMOKE = "bs-smoke-1";
    static final String SHED_WATER = "bs-water-1";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final HubProcess hub;
    private final long noodleVenue;
    private final long shedVenue;
    private final Map<String, String> tokens;
    private final MqttClient mqtt;

    private SimulatedTown(HubProcess hub, long noodleVenue, long shedVenue, Map<String, String> tokens, MqttClient mqtt) {
        this.hub = hub;
        this.noodleVenue = noodleVenue;
        this.shedVenue = shedVenue;
        this.tokens = tokens;
        this.mqtt = mqtt;
    }

    /** Registers the venues and devices through the REST API and connects the MQTT detector. */
    static SimulatedTown register(HubProcess hub) throws MqttException {
        String admin = hub.adminToken();
        long noodle = venue(hub, admin, "Noodle House", "G01");
        long shed = venue(hub, admin, "Bike Shed", "G02");
        Map<String, String> tokens = Map.of(
                NOODLE_SMOKE, device(hub, admin, NOODLE_SMOKE, "smoke", noodle),
                NOODLE_GAS, device(hub, admin, NOODLE_GAS, "gas", noodle),
                NOODLE_ELECTRICAL, device(hub, admin, NOODLE_ELECTRICAL, "electrical", noodle),
                SHED_SMOKE, device(hub, admin, SHED_SMOKE, "smoke", shed),
                SHED_WATER, device(hub, admin, SHED_WATER, "water", shed));
        MqttClient mqtt = new MqttClient(hub.mqttUrl(), "dash-" + NOODLE_SMOKE, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(NOODLE_SMOKE);
        options.setPassword(tokens.get(NOODLE_SMOKE).toCharArray());
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        mqtt.connect(options);
        return new SimulatedTown(hub, noodle, shed, tokens, mqtt);
    }

    long noodleVenue() {
        return noodleVenue;
    }

    long shedVenue() {
        return shedVenue;
    }

    static List<String> noodleDevices() {
        return List.of(NOODLE_ELECTRICAL, NOODLE_GAS, NOODLE_SMOKE);
    }

    /**
     * One message from every device, with {@code seq = round} (so never a duplicate); the values
     * move with the round in a six-round cycle and cross the gas and current thresholds.
     */
    void publishRound(int seq) throws MqttException {
        int round = (seq - 1) % 6 + 1;
        String events = round % 3 == 0 ? ",\"events\":[\"alarm\"]" : ",\"events\":[\"heartbeat\"]";
        mqtt.publish("devices/" + NOODLE_SMOKE + "/telemetry", """
                {"seq":%d,"readings":{"smoke_obscuration_db_m":%s,"temperature_c":%s,"battery_pct":90,"rssi_dbm":-70}%s}"""
                .formatted(seq, 0.02 * round, 21.0 + round, events).getBytes(StandardCharsets.UTF_8), 1, false);
        http(NOODLE_GAS, "telemetry", """
                {"seq":%d,"readings":{"gas_lel_pct":%s,"valve_closed":0}%s}"""
                .formatted(seq, 10.0 * round, round >= 3 ? ",\"events\":[\"alarm_low\"]" : ""), 202);
        http(NOODLE_ELECTRICAL, "telemetry", """
                {"seq":%d,"readings":{"residual_current_ma":%s,"cable_temp_c_l1":%s,"cable_temp_c_l2":40,"cable_temp_c_l3":41,"cable_temp_c_n":35,"current_a":12,"voltage_v":228}}"""
                .formatted(seq, 100.0 * round, 60.0 + 10 * round), 202);
        http(SHED_SMOKE, "telemetry", """
                {"seq":%d,"readings":{"smoke_obscuration_db_m":0.01,"temperature_c":18,"battery_pct":%d},"events":["low_battery"]}"""
                .formatted(seq, 20 - round), 202);
        http(SHED_WATER, "telemetry", """
                {"seq":%d,"readings":{"pipe_pressure_kpa":%s,"tank_level_pct":80}}""".formatted(seq, 300.0 - round), 202);
    }

    /** A body the hub must refuse (a reading the kind does not have): feeds the rejection panels. */
    void publishRejected() {
        http(SHED_WATER, "telemetry", "{\"readings\":{\"flux_capacitance\":1.21}}", 400);
    }

    private void http(String deviceId, String kind, String body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub.httpUrl() + "/api/v1/devices/" + deviceId + "/" + kind))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + tokens.get(deviceId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError("POST " + deviceId + " " + body + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long venue(HubProcess hub, String admin, String name, String grid) {
        return hub.post("/api/v1/venues", admin, Map.of("name", name, "address", "1 Market Street", "type", "restaurant", "grid", grid), 201)
                .path("id").asLong();
    }

    private static String device(HubProcess hub, String admin, String id, String kind, long venue) {
        return hub.post("/api/v1/devices", admin, Map.of("deviceId", id, "kind", kind, "venueId", venue), 201).path("token").asText();
    }

    @Override
    public void close() throws MqttException {
        if (mqtt.isConnected()) mqtt.disconnect(5_000);
        mqtt.close();
    }
}
