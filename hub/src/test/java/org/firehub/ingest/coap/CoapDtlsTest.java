package org.firehub.ingest.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.Endpoint;
import org.firehub.device.DeviceId;
import org.firehub.ingest.RejectReason;
import org.firehub.people.PasswordHasher;
import org.firehub.people.Role;
import org.firehub.people.SessionService;
import org.firehub.people.UserRepository;
import org.firehub.registry.CsvImporter;
import org.firehub.registry.DeviceRegistration;
import org.firehub.registry.VenueService;
import org.firehub.testing.Await;
import org.firehub.web.ApiRouter;
import org.firehub.web.ApiServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DTLS 1.2 PSK listener: keys handed out by the REST API at registration work in
 * Californium and in libcoap; a rotation invalidates the old key; a session may only write
 * for its own device.
 */
class CoapDtlsTest {
    static final String READING = "{\"readings\":{\"battery_pct\":77}}";

    static CoapTestHub hub;
    static PasswordHasher hasher;
    static HttpServer http;
    static CsvImporter importer;
    static String apiBase;
    static String admin;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        hub = new CoapTestHub("coap_dtls");
        hasher = new PasswordHasher(hub.vertx, hub.meters);
        UserRepository users = new UserRepository(hub.pool);
        SessionService sessions = new SessionService(hub.pool, users, hasher, hub.meters);
        VenueService venues = new VenueService(hub.pool, "https://fire.example.test", hub.meters);
        DeviceRegistration devices = new DeviceRegistration(hub.pool, CoapTestHub.catalogue(), hub.meters,
                hub.server::registered, hub.psks, hub.server);
        importer = new CsvImporter(hub.vertx, hub.pool, venues, devices);
        var router = ApiRouter.create(hub.vertx, new ApiServices(sessions, venues, devices, importer), hub.meters);
        http = hub.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        apiBase = "http://127.0.0.1:" + http.actualPort();
        hasher.hash("admin-pw-123").compose(hash -> users.create("admin1", hash, Role.ADMIN, "G-01"))
                .await(20, TimeUnit.SECONDS);
        admin = sessions.login("admin1", "admin-pw-123").await(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (http != null) http.close().await(10, TimeUnit.SECONDS);
        if (hasher != null) hasher.close();
        if (hub != null) hub.close();
    }

    @BeforeEach
    void reset() {
        hub.sink.reset();
    }

    static JsonObject api(String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(apiBase + path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        return new JsonObject(response.body());
    }

    static JsonObject register(String deviceId) throws Exception {
        return api("/api/v1/devices", new JsonObject().put("deviceId", deviceId).put("kind", "smoke")
                .put("venueId", hub.venueId()).encode());
    }

    static CoapResponse postOverDtls(String identity, String psk, String deviceId, long timeoutMillis) {
        Endpoint endpoint = CoapClients.dtlsEndpoint(identity, psk);
        CoapClient client = CoapClients.client(endpoint, timeoutMillis);
        try {
            return postWith(client, deviceId);
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
    }

    static CoapResponse postWith(CoapClient client, String deviceId) {
        Request request = Request.newPost();
        request.setURI(hub.secureUri("/telemetry/" + deviceId));
        request.setPayload(READING.getBytes(StandardCharsets.UTF_8));
        request.getOptions().setContentFormat(50);
        try {
            return client.advanced(request);
        } catch (Exception e) {
            return null; // a failed handshake: no response
        }
    }

    @Test
    void registrationHandsOutAPskThatIsNeverStored() throws Exception {
        JsonObject issued = register("dtls-1");

        String psk = issued.getString("psk");
        assertThat(psk).matches("[0-9a-f]{32}");
        assertThat(issued.getString("token")).isNotBlank();
        try (var c = hub.connect(); var rs = c.createStatement().executeQuery("SELECT d::text FROM devices d")) {
            while (rs.next()) assertThat(rs.getString(1)).doesNotContain(psk);
        }
        CoapResponse response = postOverDtls("dtls-1", psk, "dtls-1", 10_000);
        assertThat(response).isNotNull();
        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(hub.sink.stored()).singleElement()
                .satisfies(m -> assertThat(m.device().id()).isEqualTo(new DeviceId("dtls-1")));
        assertThat(hub.handshakes("success")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aSessionMayOnlyWriteForItsOwnDevice() throws Exception {
        String psk = register("dtls-2").getString("psk");
        register("dtls-3");
        double before = hub.rejected(RejectReason.FORBIDDEN);

        CoapResponse response = postOverDtls("dtls-2", psk, "dtls-3", 10_000);

        assertThat(response).isNotNull();
        assertThat(response.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
        assertThat(hub.rejected(RejectReason.FORBIDDEN) - before).isEqualTo(1);
        assertThat(hub.sink.stored()).isEmpty();
    }

    @Test
    void aWrongKeyOrUnknownIdentityFailsTheHandshake() throws Exception {
        register("dtls-4");
        double unauthorizedBefore = hub.rejected(RejectReason.UNAUTHORIZED);

        assertThat(postOverDtls("dtls-4", "0".repeat(32), "dtls-4", 2_000)).as("wrong key").isNull();
        assertThat(postOverDtls("nobody-7", "0".repeat(32), "nobody-7", 2_000)).as("unknown identity").isNull();

        Await.until("the unknown identity counted", Duration.ofSeconds(10),
                () -> hub.rejected(RejectReason.UNAUTHORIZED) - unauthorizedBefore >= 1);
        assertThat(hub.sink.stored()).isEmpty();
    }

    @Test
    void rotationInvalidatesTheOldKeyAndItsSessions() throws Exception {
        String oldPsk = register("dtls-5").getString("psk");
        Endpoint oldSession = CoapClients.dtlsEndpoint("dtls-5", oldPsk);
        CoapClient oldClient = CoapClients.client(oldSession, 2_000);
        try {
            assertThat(postWith(oldClient, "dtls-5")).extracting(CoapResponse::getCode).isEqualTo(ResponseCode.CHANGED);

            JsonObject rotated = api("/api/v1/devices/dtls-5/psk", null);

            String newPsk = rotated.getString("psk");
            assertThat(rotated.getInteger("pskVersion")).isEqualTo(2);
            assertThat(newPsk).matches("[0-9a-f]{32}").isNotEqualTo(oldPsk);
            assertThat(postOverDtls("dtls-5", oldPsk, "dtls-5", 2_000)).as("a new handshake with the old key").isNull();
            CoapResponse overOldSession = postWith(oldClient, "dtls-5");
            assertThat(overOldSession == null || overOldSession.getCode() != ResponseCode.CHANGED)
                    .as("the old session no longer stores").isTrue();
            assertThat(postOverDtls("dtls-5", newPsk, "dtls-5", 10_000)).extracting(CoapResponse::getCode)
                    .isEqualTo(ResponseCode.CHANGED);
        } finally {
            oldClient.shutdown();
            oldSession.destroy();
        }
        assertThat(hub.sink.stored()).hasSize(2);
    }

    @Test
    void aCsvImportHandsOutWorkingPsksToo() throws Exception {
        var result = importer.importDevices("deviceId,kind,venueId\ncsv-1,smoke," + hub.venueId() + "\n")
                .await(20, TimeUnit.SECONDS);

        String psk = result.devices().get(0).psk().orElseThrow();
        assertThat(result.devices().get(0).toString()).doesNotContain(psk);
        assertThat(postOverDtls("csv-1", psk, "csv-1", 10_000)).extracting(CoapResponse::getCode)
                .isEqualTo(ResponseCode.CHANGED);
    }

    @Test
    void rotatingAnUnknownDeviceIsNotFound() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(apiBase + "/api/v1/devices/ghost-1/psk"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void libcoapSendsWithTheTokenAndOverDtlsWithTheHandedOutPsk() throws Exception {
        Assumptions.assumeTrue(LibcoapClient.installed(), "libcoap3-bin is not installed");
        JsonObject issued = register("dtls-6");

        LibcoapClient.Result plain = LibcoapClient.post(
                hub.plainUri("/telemetry/dtls-6?token=" + issued.getString("token")), READING, null, null);
        LibcoapClient.Result secure = LibcoapClient.post(hub.secureUri("/telemetry/dtls-6"), READING, "dtls-6",
                issued.getString("psk"));
        LibcoapClient.Result badToken = LibcoapClient.post(hub.plainUri("/telemetry/dtls-6?token=wrong"), READING, null, null);

        assertThat(plain.exitCode()).as(plain.output()).isZero();
        assertThat(secure.exitCode()).as(secure.output()).isZero();
        assertThat(badToken.output()).contains("4.01");
        assertThat(hub.sink.stored()).hasSize(2);
    }
}
