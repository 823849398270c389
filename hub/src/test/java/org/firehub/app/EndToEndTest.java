package org.firehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.firehub.testing.Await;
import org.firehub.testing.HubProcess;
import org.firehub.testing.InfluxQuery;
import org.firehub.testing.TestInflux;
import org.firehub.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as an operator runs it, fed by a real outside client ({@code mosquitto_pub}), read
 * back the way dashboards read it (InfluxQL) and watched the way operators watch it (/metrics).
 */
class EndToEndTest {
    @TempDir
    static Path home;

    private static HubProcess hub;
    private static String influxUrl;
    private static String adminToken;

    @BeforeAll
    static void startHub() {
        influxUrl = TestInflux.shared().url();
        hub = HubProcess.create(home, TestPostgres.shared().newDatabase("e2e"), influxUrl)
                .with("FIREHUB_INFLUX_DB", "firehub_e2e").start();
        Await.until("hub healthy", Duration.ofSeconds(60), () -> hub.healthStatus() == 200);
        adminToken = hub.adminToken();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) hub.close();
    }

    @Test
    void mosquittoPubReadingLandsInInfluxWithTheContractSchema() throws Exception {
        String token = hub.registerDevice(adminToken, "e2e-smoke-1", "smoke");
        long ts = System.currentTimeMillis() - 60_000;
        String body = "{\"ts\":%d,\"seq\":7,\"readings\":{\"smoke_obscuration_db_m\":0.05,\"battery_pct\":87},\"events\":[\"heartbeat\"]}"
                .formatted(ts);
        assertThat(mosquittoPub("mqttv311", "e2e-smoke-1", token, "devices/e2e-smoke-1/telemetry", body)).isZero();

        List<JsonNode> rows = Await.value("the reading in InfluxDB", Duration.ofSeconds(30),
                () -> InfluxQuery.rows(influxUrl, "firehub_e2e",
                        "SELECT battery_pct, smoke_obscuration_db_m, device_id, kind, grid, venue_id FROM readings WHERE device_id = 'e2e-smoke-1'"),
                r -> !r.isEmpty());
        JsonNode row = rows.get(0);
        assertThat(row.path(0).asLong()).isEqualTo(ts);
        assertThat(row.path(1).asDouble()).isEqualTo(87.0);
        assertThat(row.path(2).asDouble()).isEqualTo(0.05);
        assertThat(row.path(3).asText()).isEqualTo("e2e-smoke-1");
        assertThat(row.path(4).asText()).isEqualTo("smoke");
        assertThat(row.path(5).asText()).isEqualTo("G01");
        assertThat(row.path(6).asText()).isNotBlank();

        List<JsonNode> events = Await.value("the event in InfluxDB", Duration.ofSeconds(30),
                () -> InfluxQuery.rows(influxUrl, "firehub_e2e", "SELECT seq, event FROM events WHERE device_id = 'e2e-smoke-1'"),
                r -> !r.isEmpty());
        assertThat(events.get(0).path(1).asLong()).isEqualTo(7);
        assertThat(events.get(0).path(2).asText()).isEqualTo("heartbeat");

        assertThat(fieldTypes("readings")).containsEntry("battery_pct", "float").containsEntry("smoke_obscuration_db_m", "float");
        assertThat(fieldTypes("events")).containsEntry("seq", "integer");
    }

    @Test
    void mqtt5ClientIsServedToo() throws Exception {
        String token = hub.registerDevice(adminToken, "e2e-gas-5", "gas");
        assertThat(mosquittoPub("mqttv5", "e2e-gas-5", token, "devices/e2e-gas-5/telemetry",
                "{\"readings\":{\"gas_lel_pct\":3.5,\"valve_closed\":0}}")).isZero();
        Await.until("the MQTT 5 reading in InfluxDB", Duration.ofSeconds(30), () -> InfluxQuery.count(influxUrl, "firehub_e2e",
                "SELECT count(gas_lel_pct) FROM readings WHERE device_id = 'e2e-gas-5'") == 1);
    }

    @Test
    void wrongPasswordIsRefusedAndCounted() throws Exception {
        hub.registerDevice(adminToken, "e2e-smoke-bad", "smoke");
        double before = metric("firehub_ingest_rejected_total{reason=\"unauthorized\",transport=\"mqtt\"}");
        int exit = mosquittoPub("mqttv311", "e2e-smoke-bad", "not-the-token", "devices/e2e-smoke-bad/telemetry",
                "{\"readings\":{\"temperature_c\":20}}");
        assertThat(exit).isNotZero();
        Await.until("the refusal counted", Duration.ofSeconds(10),
                () -> metric("firehub_ingest_rejected_total{reason=\"unauthorized\",transport=\"mqtt\"}") == before + 1);
        assertThat(InfluxQuery.count(influxUrl, "firehub_e2e",
                "SELECT count(temperature_c) FROM readings WHERE device_id = 'e2e-smoke-bad'")).isZero();
    }

    @Test
    void badBodyIsCountedAndTheDevicesNextMessageIsStored() throws Exception {
        String token = hub.registerDevice(adminToken, "e2e-smoke-2", "smoke");
        double before = metric("firehub_ingest_rejected_total{reason=\"unknown_reading\",transport=\"mqtt\"}");
        assertThat(mosquittoPub("mqttv311", "e2e-smoke-2", token, "devices/e2e-smoke-2/telemetry",
                "{\"readings\":{\"flux_capacitance\":1.21}}")).isZero();
        assertThat(mosquittoPub("mqttv311", "e2e-smoke-2", token, "devices/e2e-smoke-2/telemetry",
                "{\"readings\":{\"temperature_c\":22.5}}")).isZero();
        Await.until("the good reading stored", Duration.ofSeconds(30), () -> InfluxQuery.count(influxUrl, "firehub_e2e",
                "SELECT count(temperature_c) FROM readings WHERE device_id = 'e2e-smoke-2'") == 1);
        assertThat(metric("firehub_ingest_rejected_total{reason=\"unknown_reading\",transport=\"mqtt\"}")).isEqualTo(before + 1);
    }

    @Test
    void curlPostOverHttpIsStoredLikeMqtt() throws Exception {
        String token = hub.registerDevice(adminToken, "e2e-water-http", "water");
        Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "-H", "Authorization: Bearer " + token, "-H", "Content-Type: application/json",
                "--data", "{\"seq\":1,\"readings\":{\"pipe_pressure_kpa\":301.5}}",
                hub.httpUrl() + "/api/v1/devices/e2e-water-http/telemetry").start();
        assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(curl.getInputStream().readAllBytes())).isEqualTo("202");
        Await.until("the HTTP reading in InfluxDB", Duration.ofSeconds(30), () -> InfluxQuery.count(influxUrl, "firehub_e2e",
                "SELECT count(pipe_pressure_kpa) FROM readings WHERE device_id = 'e2e-water-http'") == 1);
    }

    @Test
    void coapClientStoresOverPlainCoapAndDtlsPsk() throws Exception {
        JsonNode secrets = hub.registerDeviceWithSecrets(adminToken, "e2e-smoke-coap", "smoke");
        String body = "{\"seq\":%d,\"readings\":{\"temperature_c\":%s}}";
        assertThat(coapClient("-m", "post", "-t", "50", "-e", body.formatted(1, "19.5"),
                "coap://127.0.0.1:%d/telemetry/e2e-smoke-coap?token=%s".formatted(hub.coapPort(), secrets.path("token").asText())))
                .isZero();
        assertThat(coapClient("-m", "post", "-t", "50", "-e", body.formatted(2, "20.5"),
                "-u", "e2e-smoke-coap", "-k", secrets.path("psk").asText(),
                "coaps://127.0.0.1:%d/telemetry/e2e-smoke-coap".formatted(hub.coapsPort()))).isZero();
        Await.until("both CoAP readings in InfluxDB", Duration.ofSeconds(30), () -> InfluxQuery.count(influxUrl, "firehub_e2e",
                "SELECT count(temperature_c) FROM readings WHERE device_id = 'e2e-smoke-coap'") == 2);
    }

    @Test
    void metricsExposeTheContractSeries() {
        String metrics = hub.get("/metrics").body();
        assertThat(metrics).contains("firehub_ingest_accepted_total{transport=\"mqtt\"}",
                "firehub_ingest_rejected_total{", "firehub_spool_depth", "firehub_influx_written_total",
                "firehub_connected_devices{transport=\"mqtt\"}", "firehub_spool_lag_seconds", "firehub_influx_write_seconds");
    }

    private static int coapClient(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("coap-client-openssl", "-B", "10"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("coap-client-openssl hung");
        }
        return process.exitValue();
    }

    private static int mosquittoPub(String version, String user, String password, String topic, String body) throws Exception {
        List<String> command = new ArrayList<>(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(hub.mqttPort()),
                "-V", version, "-q", "1", "-i", "pub-" + user, "-u", user, "-P", password, "-t", topic, "-m", body));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mosquitto_pub hung");
        }
        return process.exitValue();
    }

    private static java.util.Map<String, String> fieldTypes(String measurement) {
        java.util.Map<String, String> types = new java.util.HashMap<>();
        for (JsonNode row : InfluxQuery.rows(influxUrl, "firehub_e2e", "SHOW FIELD KEYS FROM " + measurement)) {
            types.put(row.path(0).asText(), row.path(1).asText());
        }
        return types;
    }

    private static double metric(String series) {
        return hub.get("/metrics").body().lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }
}
