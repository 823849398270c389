package org.firehub.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.firehub.ingest.ContentFormat;
import org.firehub.ingest.RejectReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hub against a client it did not write itself: Debian's {@code mosquitto_pub}. */
class MosquittoClientsTest {
    private static final Path MOSQUITTO_PUB = Path.of("/usr/bin/mosquitto_pub");
    private static final String READING = "{\"seq\":9,\"readings\":{\"battery_pct\":87}}";

    private static MqttTestHub hub;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(MOSQUITTO_PUB), "mosquitto-clients is not installed");
        hub = new MqttTestHub("mqtt_mosquitto");
        token = hub.registerDevice("smoke-1");
    }

    @AfterAll
    static void stop() {
        if (hub != null) hub.close();
    }

    @BeforeEach
    void reset() {
        hub.awaitNoConnections();
        hub.ingestor.reset();
    }

    @Test
    void mosquittoPubDeliversAtQos1OverMqtt311AndMqtt5() throws Exception {
        assertThat(publish("mqttv311", "smoke-1", token).exitCode).isZero();
        assertThat(publish("mqttv5", "smoke-1", token).exitCode).isZero();
        assertThat(hub.ingestor.calls()).hasSize(2);
        assertThat(hub.ingestor.calls()).extracting(RecordingIngestor.Call::text).containsOnly(READING);
        assertThat(hub.ingestor.calls()).extracting(RecordingIngestor.Call::format).containsOnly(ContentFormat.JSON);
    }

    @Test
    void mosquittoPubWithAWrongPasswordFails() throws Exception {
        long before = hub.refused(RejectReason.UNAUTHORIZED);
        Result v3 = publish("mqttv311", "smoke-1", "wrong");
        Result v5 = publish("mqttv5", "smoke-1", "wrong");
        assertThat(v3.exitCode).as(v3.output).isNotZero();
        assertThat(v5.exitCode).as(v5.output).isNotZero();
        assertThat(v3.output + v5.output).containsIgnoringCase("authori");
        assertThat(hub.refused(RejectReason.UNAUTHORIZED) - before).isEqualTo(2);
        assertThat(hub.ingestor.calls()).isEmpty();
    }

    private record Result(int exitCode, String output) {}

    private static Result publish(String version, String user, String password) throws Exception {
        List<String> command = new ArrayList<>(List.of(MOSQUITTO_PUB.toString(), "-h", "127.0.0.1",
                "-p", Integer.toString(hub.port), "-V", version, "-q", "1", "-i", "mosq-" + version,
                "-u", user, "-P", password, "-t", "devices/" + user + "/telemetry", "-m", READING));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("mosquitto_pub finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
