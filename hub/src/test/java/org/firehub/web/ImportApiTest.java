package org.firehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.firehub.auth.SecretTokens;
import org.firehub.device.DeviceId;
import org.firehub.people.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImportApiTest {
    static ApiHarness api;
    static String admin;
    static String supervisor;
    static long venueId;

    @BeforeAll
    static void start() {
        api = new ApiHarness("import_api");
        admin = api.userWithSession("admin1", "admin-pw-123", Role.ADMIN);
        supervisor = api.userWithSession("sup1", "sup-pw-123", Role.SUPERVISOR);
        venueId = new JsonObject(api.postJson("/api/v1/venues", admin,
                VenueApiTest.venue("Canteen", "1 Factory Road", "factory", "G-03")).body()).getLong("id");
        assertThat(api.postJson("/api/v1/devices", admin, DeviceApiTest.device("taken-1", "smoke", venueId)).statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> importCsv(String what, String token, String csv) {
        return api.post("/api/v1/import/" + what, token, "text/csv; charset=utf-8", csv);
    }

    private static List<String> problems(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonArray("problems").stream()
                .map(o -> "line " + ((JsonObject) o).getInteger("line") + ": " + ((JsonObject) o).getString("reason"))
                .toList();
    }

    @Test
    void goodVenueFileImportsEveryRowWithQrUrls() throws Exception {
        long before = api.count("venues");
        HttpResponse<String> response = importCsv("venues", supervisor, """
                name,address,type,grid
                Noodle Bar,3 Old Street,restaurant,G-01
                "Zhang's Shop, corner",5 Old Street,shop,G-01
                Rental house 9,9 Lane,rental_housing,G-02
                """);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getInteger("imported")).isEqualTo(3);
        assertThat(body.getJsonArray("venues")).hasSize(3);
        assertThat(body.getJsonArray("venues").getJsonObject(0).getString("publicUrl")).startsWith(ApiHarness.PUBLIC_BASE + "/v/");
        assertThat(api.count("venues")).isEqualTo(before + 3);
    }

    @Test
    void brokenVenueFileNamesEveryBadLineAndImportsNothing() throws Exception {
        long before = api.count("venues");
        HttpResponse<String> response = importCsv("venues", admin, """
                name,address,type,grid
                Fine Venue,1 Road,shop,G-01
                ,2 Road,shop,G-01
                Third,3 Road,Shop!,G-01
                Fourth,4 Road,shop,G 01
                """);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(response.body()).getString("error")).contains("nothing was imported");
        assertThat(problems(response)).containsExactly(
                "line 3: name: is required",
                "line 4: type: 'Shop!' is not valid: use lower-case letters, digits and _ starting with a letter, e.g. 'restaurant'",
                "line 5: grid: 'G 01' is not valid: use letters, digits, _ or -, at most 64, e.g. 'G-07'");
        assertThat(api.count("venues")).isEqualTo(before);
    }

    @Test
    void goodDeviceFileReturnsEachTokenOnceAndStoresOnlyHashes() throws Exception {
        HttpResponse<String> response = importCsv("devices", admin, """
                deviceId,kind,venueId
                imp-smoke-1,smoke,%1$d
                imp-gas-1,gas,%1$d
                """.formatted(venueId));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonArray devices = new JsonObject(response.body()).getJsonArray("devices");
        assertThat(devices).hasSize(2);
        for (Object o : devices) {
            JsonObject d = (JsonObject) o;
            assertThat(storedHash(d.getString("deviceId"))).isEqualTo(SecretTokens.hash(d.getString("token")));
            assertThat(api.tablesContaining(d.getString("token"))).isEmpty();
        }
        assertThat(api.registeredNotices).contains(new DeviceId("imp-smoke-1"), new DeviceId("imp-gas-1"));
    }

    @Test
    void devicesMayNameTheirVenueInsteadOfItsId() throws Exception {
        HttpResponse<String> response = importCsv("devices", admin, "deviceId,kind,venueName\nbyname-1,water,Canteen\n");
        assertThat(response.statusCode()).isEqualTo(201);
        try (Connection c = api.jdbc(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT venue_id FROM devices WHERE device_id = 'byname-1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(venueId);
        }
    }

    @Test
    void brokenDeviceFileNamesEveryBadLineAndImportsNothing() throws Exception {
        long before = api.count("devices");
        HttpResponse<String> response = importCsv("devices", admin, """
                deviceId,kind,venueId
                ok-1,smoke,%1$d
                ok-2,gas,%1$d
                taken-1,smoke,%1$d
                ok-3,gas,999999
                ok-4,camera,abc
                ok-5,smok,%1$d
                ok-1,gas,%1$d
                x y,smoke,%1$d
                ok-6,water
                """.formatted(venueId));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(problems(response)).containsExactly(
                "line 4: deviceId 'taken-1' is already registered",
                "line 5: no venue with id 999999",
                "line 6: venueId 'abc' is not a venue id (a positive whole number)",
                "line 7: kind 'smok' is not in the catalogue (camera, electrical, gas, smoke, water)",
                "line 8: deviceId 'ok-1' is also on line 2",
                "line 9: deviceId 'x y' is not valid: use 1 to 64 letters, digits, _ or -",
                "line 10: expected 3 fields (deviceId,kind,venueId), found 2");
        assertThat(api.count("devices")).isEqualTo(before);
    }

    @Test
    void refusedRequestsForImports() {
        assertThat(importCsv("devices", supervisor, "deviceId,kind,venueId\n").statusCode()).isEqualTo(403);
        assertThat(importCsv("venues", null, "name,address,type,grid\n").statusCode()).isEqualTo(401);
        HttpResponse<String> json = api.postJson("/api/v1/import/venues", admin, "{}");
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(new JsonObject(json.body()).getString("error")).contains("text/csv");
        HttpResponse<String> noRows = importCsv("venues", admin, "name,address,type,grid\n");
        assertThat(noRows.statusCode()).isEqualTo(422);
        assertThat(problems(noRows)).containsExactly("line 2: the file has no venue rows");
        HttpResponse<String> bothVenueColumns = importCsv("devices", admin, "deviceId,kind,venueId,venueName\n");
        assertThat(problems(bothVenueColumns)).singleElement().asString().startsWith("line 1: the header needs exactly one");
    }

    private static byte[] storedHash(String deviceId) throws Exception {
        try (Connection c = api.jdbc(); PreparedStatement ps = c.prepareStatement("SELECT token_hash FROM devices WHERE device_id = ?")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }
}
