package org.firehub.ingest.carrier;

import org.firehub.testing.TestSink;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.firehub.ingest.DeviceMessage;
import org.firehub.ingest.http.Curl;
import org.firehub.ingest.http.IngestHttpServer;
import org.firehub.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replayed CTWing and OneNET pushes against the real webhooks, the repository's
 * {@code config/carriers.yaml} and {@code config/carriers/smoke-nb.yaml}, and the real ingestor.
 */
class CarrierWebhookTest {
    private static final String CTWING_SECRET = IngestHttpServer.CARRIER_SECRETS.get("FIREHUB_CARRIER_TOWN_CTWING_SECRET");
    private static final String ONENET_TOKEN = IngestHttpServer.CARRIER_SECRETS.get("FIREHUB_CARRIER_TOWN_ONENET_SECRET");
    private static final String IMEI = "868120123456789";
    private static final TestSink sink = new TestSink(2_500);
    private static IngestHttpServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = new IngestHttpServer(sink);
        server.register("nb-" + IMEI, "smoke");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        sink.close();
    }

    @BeforeEach
    void storeMode() {
        sink.mode(TestSink.Mode.STORE);
    }

    static String ctwingDataReport(String imei, long ts, String payload) {
        return """
                {"upPacketSN":-1,"upDataSN":-1,"topic":"v1/up/ad","timestamp":%d,"tenantId":"2000012345",
                 "serviceId":"","protocol":"lwm2m","productId":"15012345","payload":%s,"messageType":"dataReport",
                 "deviceType":"","deviceId":"a1b2c3d4e5f6%s","assocAssetId":"","IMSI":"undefined","IMEI":"%s"}"""
                .formatted(ts, payload, imei.substring(imei.length() - 4), imei);
    }

    @Test
    void ctwingDataReportBecomesReadingsAndEventsOfTheDevice() throws Exception {
        long ts = System.currentTimeMillis() - 5_000;
        int before = sink.stored().size();

        HttpResponse<String> response = ctwing(CTWING_SECRET, ctwingDataReport(IMEI, ts,
                "{\"Alarm_Status\":1,\"battery_value\":87,\"signal_strength\":-71,\"IMSI\":\"460111234567890\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sink.stored()).hasSize(before + 1);
        DeviceMessage stored = sink.stored().getLast();
        assertThat(stored.device().id().value()).isEqualTo("nb-" + IMEI);
        assertThat(stored.timestampMillis()).isEqualTo(ts);
        assertThat(stored.readings()).isEqualTo(Map.of("battery_pct", 87.0, "rssi_dbm", -71.0));
        assertThat(stored.events()).containsExactly("alarm");
    }

    @Test
    void platformGets200OnlyAfterTheSpoolCommit() throws Exception {
        sink.mode(TestSink.Mode.HOLD);
        int heldBefore = sink.heldCount();
        var pending = http.sendAsync(HttpRequest.newBuilder(URI.create(server.url("/api/v1/carriers/ctwing/town-ctwing?token=" + CTWING_SECRET)))
                .POST(HttpRequest.BodyPublishers.ofString(ctwingDataReport(IMEI, System.currentTimeMillis(), "{\"Alarm_Status\":5}")))
                .build(), HttpResponse.BodyHandlers.ofString());

        Await.until("the append reached the sink", Duration.ofSeconds(10), () -> sink.heldCount() == heldBefore + 1);
        Await.staysFalse("200 before the fsync", Duration.ofMillis(300), pending::isDone);
        sink.releaseHeld();

        assertThat(pending.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(sink.stored().getLast().events()).containsExactly("fault");
    }

    @Test
    void ctwingStatusCodesMapToCatalogueEvents() throws Exception {
        Map<Integer, String> expected = Map.of(2, "muted", 4, "low_battery", 5, "fault", 7, "alarm_cleared", 10, "tamper", 14, "self_test");
        for (var code : expected.entrySet()) {
            String push = """
                    {"timestamp":%d,"tenantId":"2000012345","serviceId":1001,"protocol":"lwm2m","productId":"15012345",
                     "payload":{"Alarm_Status":"%d"},"messageType":"eventReport","eventType":1,"deviceId":"d1","IMEI":"%s"}"""
                    .formatted(System.currentTimeMillis(), code.getKey(), IMEI);
            assertThat(ctwing(CTWING_SECRET, push).statusCode()).isEqualTo(200);
            assertThat(sink.stored().getLast().events()).containsExactly(code.getValue());
        }
    }

    @Test
    void ctwingPushWithoutTheSubscriptionTokenIsRefusedAndCounted() throws Exception {
        double before = unauthorized();
        int stored = sink.stored().size();
        String push = ctwingDataReport(IMEI, System.currentTimeMillis(), "{\"Alarm_Status\":1}");

        assertThat(ctwing("wrong-secret", push).statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/carriers/ctwing/town-ctwing")))
                .POST(HttpRequest.BodyPublishers.ofString(push)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
        assertThat(unauthorized()).isEqualTo(before + 2);
        assertThat(sink.stored()).hasSize(stored);
    }

    @Test
    void ctwingOnlineReportIsCountedNotStored() throws Exception {
        int stored = sink.stored().size();
        String push = """
                {"timestamp":%d,"tenantId":"2000012345","protocol":"lwm2m","productId":"15012345",
                 "messageType":"deviceOnlineOfflineReport","eventType":1,"deviceId":"d1","IMEI":"%s"}"""
                .formatted(System.currentTimeMillis(), IMEI);

        assertThat(ctwing(CTWING_SECRET, push).statusCode()).isEqualTo(200);
        assertThat(server.count("firehub.carrier.presence", "subscription", "town-ctwing", "state", "online")).isEqualTo(1);
        assertThat(sink.stored()).hasSize(stored);
    }

    @Test
    void unmappedFieldIsCountedAndTheRestStored() throws Exception {
        HttpResponse<String> response = ctwing(CTWING_SECRET, ctwingDataReport(IMEI, System.currentTimeMillis(),
                "{\"battery_value\":50,\"Water_Leak\":1}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sink.stored().getLast().readings()).isEqualTo(Map.of("battery_pct", 50.0));
        assertThat(server.count("firehub.carrier.unmapped.fields", "subscription", "town-ctwing", "field", "Water_Leak"))
                .isEqualTo(1);
    }

    @Test
    void pushForAnUnregisteredDeviceIsAcknowledgedCountedAndNotStored() throws Exception {
        int stored = sink.stored().size();

        HttpResponse<String> response = ctwing(CTWING_SECRET, ctwingDataReport("860000000000001", System.currentTimeMillis(),
                "{\"Alarm_Status\":1}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getLong("unknown_device")).isEqualTo(1);
        assertThat(server.count("firehub.carrier.unknown.devices", "subscription", "town-ctwing")).isGreaterThanOrEqualTo(1);
        assertThat(sink.stored()).hasSize(stored);
    }

    @Test
    void unknownSubscriptionIs404AndNotAPushIs400() throws Exception {
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/carriers/ctwing/nope?token=x")))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> garbage = ctwing(CTWING_SECRET, "[1,2,3]");
        HttpResponse<String> noPayload = ctwing(CTWING_SECRET, "{\"messageType\":\"dataReport\",\"IMEI\":\"" + IMEI + "\"}");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(noPayload.statusCode()).isEqualTo(400);
    }

    @Test
    void fullSpoolAsksThePlatformToRetry() throws Exception {
        sink.mode(TestSink.Mode.FULL);

        HttpResponse<String> response = ctwing(CTWING_SECRET, ctwingDataReport(IMEI, System.currentTimeMillis(), "{\"Alarm_Status\":1}"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
    }

    @Test
    void onenetUrlVerificationEchoesMsgOnlyWithTheRightSignature() throws Exception {
        String msg = "xyZ123abc";
        String nonce = "n0nce42";
        String signature = OneNetSignature.sign(ONENET_TOKEN, nonce, msg);
        String base = server.url("/api/v1/carriers/onenet/town-onenet?msg=" + msg + "&nonce=" + nonce + "&signature=");

        Curl.Result good = Curl.run(base + URLEncoder.encode(signature, StandardCharsets.UTF_8));
        Curl.Result bad = Curl.run(base + URLEncoder.encode(OneNetSignature.sign("other", nonce, msg), StandardCharsets.UTF_8));

        assertThat(good.status()).isEqualTo(200);
        assertThat(good.body()).isEqualTo(msg);
        assertThat(bad.status()).isEqualTo(401);
    }

    @Test
    void onenetSignedPushesOfDataPointsAreStoredAsMapped() throws Exception {
        long at = System.currentTimeMillis() - 1_000;
        // as OneNET sends it: msg is signed as the text it pushes, here with spaces that a re-serializer would drop
        String msg = "{\"at\": %d, \"imei\": \"%s\", \"type\": 1, \"ds_id\": \"Alarm_Status\", \"value\": 14, \"dev_id\": 5123456}"
                .formatted(at, IMEI);
        String nonce = "abcdefgh";
        String body = "{\"msg\": %s, \"msg_signature\": \"%s\", \"nonce\": \"%s\"}"
                .formatted(msg, OneNetSignature.sign(ONENET_TOKEN, nonce, msg), nonce);

        HttpResponse<String> response = onenet(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sink.stored().getLast().events()).containsExactly("self_test");
        assertThat(sink.stored().getLast().timestampMillis()).isEqualTo(at);
    }

    @Test
    void onenetBatchWithPresenceAndReadingIsHandledAsAWhole() throws Exception {
        long at = System.currentTimeMillis();
        String msg = ("[{\"at\":%d,\"imei\":\"%s\",\"type\":2,\"status\":1,\"login_type\":10,\"dev_id\":5123456},"
                + "{\"at\":%d,\"imei\":\"%s\",\"type\":1,\"ds_id\":\"battery_value\",\"value\":\"64\",\"dev_id\":5123456}]")
                .formatted(at, IMEI, at + 1, IMEI);
        String body = "{\"msg\":%s,\"msg_signature\":\"%s\",\"nonce\":\"q1w2e3\"}"
                .formatted(msg, OneNetSignature.sign(ONENET_TOKEN, "q1w2e3", msg));

        HttpResponse<String> response = onenet(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sink.stored().getLast().readings()).isEqualTo(Map.of("battery_pct", 64.0));
        assertThat(server.count("firehub.carrier.presence", "subscription", "town-onenet", "state", "online")).isEqualTo(1);
    }

    @Test
    void onenetPushWithABadSignatureIsRefusedAndCounted() throws Exception {
        double before = unauthorized();
        int stored = sink.stored().size();
        String msg = "{\"at\":%d,\"imei\":\"%s\",\"type\":1,\"ds_id\":\"Alarm_Status\",\"value\":1,\"dev_id\":1}"
                .formatted(System.currentTimeMillis(), IMEI);
        String forged = "{\"msg\":%s,\"msg_signature\":\"%s\",\"nonce\":\"abc\"}"
                .formatted(msg, OneNetSignature.sign("guessed-token", "abc", msg));

        assertThat(onenet(forged).statusCode()).isEqualTo(401);
        assertThat(unauthorized()).isEqualTo(before + 1);
        assertThat(sink.stored()).hasSize(stored);
    }

    private double unauthorized() {
        return server.count("firehub.ingest.rejected", "transport", "carrier", "reason", "unauthorized");
    }

    static HttpResponse<String> ctwing(String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/carriers/ctwing/town-ctwing?token=" + token)))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> onenet(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/carriers/onenet/town-onenet")))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
