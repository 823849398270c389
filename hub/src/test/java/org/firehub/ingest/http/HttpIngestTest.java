package org.firehub.ingest.http;

import org.firehub.testing.TestSink;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.firehub.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP device endpoint as a device (java.net.http) and an outside client (curl) see it. */
class HttpIngestTest {
    private static final TestSink sink = new TestSink(2_500);
    private static IngestHttpServer server;
    private static String token;
    private static String otherToken;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        server = new IngestHttpServer(sink);
        token = server.register("smoke-1", "smoke");
        otherToken = server.register("smoke-2", "smoke");
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

    @Test
    void jsonReadingIsStoredAndAnswered202() throws Exception {
        int before = sink.stored().size();
        HttpResponse<String> response = post("smoke-1", "telemetry", token, "application/json",
                "{\"seq\": 1, \"readings\": {\"temperature_c\": 24.5, \"battery_pct\": 87}}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("stored");
        assertThat(sink.stored()).hasSize(before + 1);
        assertThat(sink.stored().getLast().readings()).containsEntry("temperature_c", 24.5);
        assertThat(server.meters.find("firehub_connected_devices").tag("transport", "http").gauge().value()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void cborEventIsStoredThroughCurl(@TempDir Path dir) throws Exception {
        Path body = dir.resolve("body.cbor");
        Files.write(body, new CBORMapper().writeValueAsBytes(Map.of("events", List.of("alarm"))));

        Curl.Result result = Curl.run("-X", "POST", "-H", "Authorization: Bearer " + token,
                "-H", "Content-Type: application/cbor", "--data-binary", "@" + body, server.url("/api/v1/devices/smoke-1/events"));

        assertThat(result.status()).isEqualTo(202);
        assertThat(result.body()).contains("\"stored\"");
        assertThat(sink.stored().getLast().events()).containsExactly("alarm");
    }

    @Test
    void redeliveredSeqIsAcknowledgedAsDuplicateAndNotStoredTwice() throws Exception {
        String body = "{\"seq\": 900, \"readings\": {\"battery_pct\": 80}}";
        assertThat(post("smoke-1", "telemetry", token, "application/json", body).statusCode()).isEqualTo(202);
        int stored = sink.stored().size();

        HttpResponse<String> again = post("smoke-1", "telemetry", token, "application/json", body);

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(new JsonObject(again.body()).getString("status")).isEqualTo("duplicate");
        assertThat(sink.stored()).hasSize(stored);
    }

    @Test
    void noAnswerBeforeTheSinkCompletes() throws Exception {
        sink.mode(TestSink.Mode.HOLD);
        int heldBefore = sink.heldCount();
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request("smoke-1", "telemetry", token,
                "application/json", "{\"readings\": {\"battery_pct\": 55}}"), HttpResponse.BodyHandlers.ofString());

        Await.until("the append reached the sink", Duration.ofSeconds(10), () -> sink.heldCount() == heldBefore + 1);
        Await.staysFalse("202 before the fsync", Duration.ofMillis(300), pending::isDone);
        sink.releaseHeld();

        assertThat(pending.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    }

    @Test
    void missingWrongOrOtherDevicesTokenIs401AndCounted() throws Exception {
        double before = unauthorizedCount();
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/devices/smoke-1/telemetry")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"readings\": {\"battery_pct\": 1}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = post("smoke-1", "telemetry", "not-the-token", "application/json", "{\"readings\": {}}");
        HttpResponse<String> other = post("smoke-1", "telemetry", otherToken, "application/json", "{\"readings\": {\"battery_pct\": 1}}");
        HttpResponse<String> unknown = post("nobody", "telemetry", token, "application/json", "{\"readings\": {\"battery_pct\": 1}}");

        for (HttpResponse<String> response : List.of(missing, wrong, other, unknown)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(new JsonObject(response.body()).getString("reason")).isEqualTo("unauthorized");
        }
        assertThat(unauthorizedCount()).isEqualTo(before + 4);
    }

    @Test
    void rejectedBodiesAre400WithTheReason() throws Exception {
        HttpResponse<String> unknownReading = post("smoke-1", "telemetry", token, "application/json", "{\"readings\": {\"voltage_v\": 230}}");
        HttpResponse<String> malformed = post("smoke-1", "telemetry", token, "application/json", "{\"readings\": ");
        HttpResponse<String> empty = post("smoke-1", "telemetry", token, "application/json", "");
        HttpResponse<String> notFinite = post("smoke-1", "telemetry", token, "application/json", "{\"readings\": {\"battery_pct\": \"x\"}}");

        assertThat(unknownReading.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(unknownReading.body()).getString("reason")).isEqualTo("unknown_reading");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(malformed.body()).getString("reason")).isEqualTo("malformed");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(empty.body()).getString("reason")).isEqualTo("malformed");
        assertThat(notFinite.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(notFinite.body()).getString("reason")).isEqualTo("wrong_type");
    }

    @Test
    void bodiesOver4KiBAre413WhetherTheIngestorOrTheBodyHandlerStopsThem() throws Exception {
        double before = server.count("firehub.ingest.rejected", "transport", "http", "reason", "too_large");
        String justOver = "{\"readings\": {\"battery_pct\": 1}, \"pad\": \"" + "x".repeat(4100) + "\"}";
        String far = "{\"pad\": \"" + "x".repeat(50_000) + "\"}";

        assertThat(post("smoke-1", "telemetry", token, "application/json", justOver).statusCode()).isEqualTo(413);
        assertThat(post("smoke-1", "telemetry", token, "application/json", far).statusCode()).isEqualTo(413);
        assertThat(server.count("firehub.ingest.rejected", "transport", "http", "reason", "too_large")).isEqualTo(before + 2);
    }

    @Test
    void otherContentTypesAre415() throws Exception {
        HttpResponse<String> response = post("smoke-1", "telemetry", token, "text/plain", "{\"readings\": {\"battery_pct\": 1}}");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(new JsonObject(response.body()).getString("reason")).isEqualTo("unsupported_media_type");
    }

    @Test
    void fullSpoolIs503WithRetryAfterThroughCurl() throws Exception {
        sink.mode(TestSink.Mode.FULL);

        Curl.Result result = Curl.run("-i", "-X", "POST", "-H", "Authorization: Bearer " + token,
                "-H", "Content-Type: application/json", "--data", "{\"readings\": {\"battery_pct\": 3}}",
                server.url("/api/v1/devices/smoke-1/telemetry"));

        assertThat(result.status()).isEqualTo(503);
        assertThat(result.body().toLowerCase()).contains("retry-after: 3");
        assertThat(result.body()).contains("\"spool_full\"");
    }

    @Test
    void storageFailureIs500WithoutInternalDetail() throws Exception {
        sink.mode(TestSink.Mode.FAIL);

        HttpResponse<String> response = post("smoke-1", "telemetry", token, "application/json", "{\"readings\": {\"battery_pct\": 4}}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("disk on fire").doesNotContain("Exception");
    }

    private double unauthorizedCount() {
        return server.count("firehub.ingest.rejected", "transport", "http", "reason", "unauthorized");
    }

    static HttpRequest request(String device, String channel, String bearer, String type, String body) {
        return HttpRequest.newBuilder(URI.create(server.url("/api/v1/devices/" + device + "/" + channel)))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    static HttpResponse<String> post(String device, String channel, String bearer, String type, String body) throws Exception {
        return http.send(request(device, channel, bearer, type, body), HttpResponse.BodyHandlers.ofString());
    }
}
