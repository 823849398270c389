package org.firehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import org.firehub.auth.SecretTokens;
import org.firehub.device.DeviceId;
import org.firehub.people.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeviceApiTest {
    static ApiHarness api;
    static String admin;
    static String supervisor;
    static long venueId;

    @BeforeAll
    static void start() {
        api = new ApiHarness("device_api");
        admin = api.userWithSession("admin1", "admin-pw-123", Role.ADMIN);
        supervisor = api.userWithSession("sup1", "sup-pw-123", Role.SUPERVISOR);
        venueId = new JsonObject(api.postJson("/api/v1/venues", admin,
                VenueApiTest.venue("Rental house 7", "7 Lane", "rental_housing", "G-02")).body()).getLong("id");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static String device(String id, String kind, Object venue) {
        return new JsonObject().put("deviceId", id).put("kind", kind).put("venueId", venue).encode();
    }

    @Test
    void registrationReturnsATokenOnceAndStoresOnlyItsHash() throws Exception {
        HttpResponse<String> response = api.postJson("/api/v1/devices", admin, device("smoke-0001", "smoke", venueId));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("deviceId")).isEqualTo("smoke-0001");
        String token = body.getString("token");
        assertThat(Base64.getUrlDecoder().decode(token).length * 8).isGreaterThanOrEqualTo(128);

        try (Connection c = api.jdbc();
             PreparedStatement ps = c.prepareStatement("SELECT token_hash, kind, venue_id FROM devices WHERE device_id = ?")) {
            ps.setString(1, "smoke-0001");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).isEqualTo(SecretTokens.hash(token));
                assertThat(rs.getString(2)).isEqualTo("smoke");
                assertThat(rs.getLong(3)).isEqualTo(venueId);
            }
        }
        assertThat(api.tablesContaining(token)).as("tables holding the token text").isEmpty();
        assertThat(api.registeredNotices).contains(new DeviceId("smoke-0001"));
    }

    @Test
    void listingShowsDevicesButNeverTokensOrHashes() {
        String token = new JsonObject(api.postJson("/api/v1/devices", admin, device("gas-0001", "gas", venueId)).body())
                .getString("token");

        HttpResponse<String> listed = api.get("/api/v1/devices?venueId=" + venueId, supervisor);

        assertThat(listed.statusCode()).isEqualTo(200);
        JsonArray devices = new JsonArray(listed.body());
        assertThat(devices.stream().map(o -> ((JsonObject) o).getString("deviceId"))).contains("gas-0001");
        assertThat(listed.body()).doesNotContain(token).doesNotContain("token").doesNotContain("hash");
        assertThat(new JsonArray(api.get("/api/v1/devices?venueId=999999", admin).body())).isEmpty();
        assertThat(api.get("/api/v1/devices?venueId=abc", admin).statusCode()).isEqualTo(400);
    }

    @Test
    void aDeviceIdCanBeRegisteredOnlyOnce() throws Exception {
        assertThat(api.postJson("/api/v1/devices", admin, device("dup-1", "smoke", venueId)).statusCode()).isEqualTo(201);
        HttpResponse<String> again = api.postJson("/api/v1/devices", admin, device("dup-1", "gas", venueId));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(again.body()).getString("error")).contains("dup-1").contains("already registered");
        try (Connection c = api.jdbc(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT kind FROM devices WHERE device_id = 'dup-1'")) {
            rs.next();
            assertThat(rs.getString(1)).as("the first registration stands").isEqualTo("smoke");
        }
    }

    @Test
    void unknownKindBadIdAndMissingVenueAreFieldErrors() throws Exception {
        long before = api.count("devices");
        HttpResponse<String> kind = api.postJson("/api/v1/devices", admin, device("d-1", "smok", venueId));
        assertThat(kind.statusCode()).isEqualTo(400);
        assertThat(kind.body()).contains("\"field\":\"kind\"").contains("'smok' is not in the catalogue").contains("smoke");

        HttpResponse<String> id = api.postJson("/api/v1/devices", admin, device("x y", "smoke", venueId));
        assertThat(id.statusCode()).isEqualTo(400);
        assertThat(id.body()).contains("\"field\":\"deviceId\"");

        HttpResponse<String> venue = api.postJson("/api/v1/devices", admin, device("d-2", "smoke", 424242));
        assertThat(venue.statusCode()).isEqualTo(400);
        assertThat(venue.body()).contains("\"field\":\"venueId\"").contains("no venue with id 424242");

        HttpResponse<String> venueText = api.postJson("/api/v1/devices", admin, device("d-3", "smoke", "one"));
        assertThat(venueText.statusCode()).isEqualTo(400);
        assertThat(venueText.body()).contains("must be a whole number");
        assertThat(api.count("devices")).isEqualTo(before);
    }

    @Test
    void onlyAdminsRegisterDevices() {
        String body = device("role-1", "smoke", venueId);
        assertThat(api.postJson("/api/v1/devices", null, body).statusCode()).isEqualTo(401);
        assertThat(api.postJson("/api/v1/devices", supervisor, body).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/devices", null).statusCode()).isEqualTo(401);
    }
}
