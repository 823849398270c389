package org.firehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.firehub.people.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VenueApiTest {
    static ApiHarness api;
    static String admin;
    static String supervisor;
    static String gridWorker;
    static String owner;

    @BeforeAll
    static void start() {
        api = new ApiHarness("venue_api");
        admin = api.userWithSession("admin1", "admin-pw-123", Role.ADMIN);
        supervisor = api.userWithSession("sup1", "sup-pw-123", Role.SUPERVISOR);
        gridWorker = api.userWithSession("gw1", "gw-pw-123", Role.GRID_WORKER);
        owner = api.userWithSession("own1", "own-pw-123", Role.VENUE_OWNER);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static String venue(String name, String address, String type, String grid) {
        return new JsonObject().put("name", name).put("address", address).put("type", type).put("grid", grid).encode();
    }

    @Test
    void supervisorCreatesAVenueWithAnUnguessableQrUrl() {
        HttpResponse<String> response = api.postJson("/api/v1/venues", supervisor,
                venue("Lao Wang Noodles", "12 Old Street", "restaurant", "G-01"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("id", "qrToken", "publicUrl");
        assertThat(body.getLong("id")).isPositive();
        assertThat(body.getString("qrToken")).matches("[A-Za-z0-9_-]{32}");
        assertThat(body.getString("publicUrl")).isEqualTo(ApiHarness.PUBLIC_BASE + "/v/" + body.getString("qrToken"));

        JsonArray listed = new JsonArray(api.get("/api/v1/venues", admin).body());
        assertThat(listed.stream().map(o -> ((JsonObject) o).getString("name"))).contains("Lao Wang Noodles");
    }

    @Test
    void twoVenuesNeverShareAQrToken() {
        String a = new JsonObject(api.postJson("/api/v1/venues", admin, venue("A", "1 Road", "shop", "G-01")).body()).getString("qrToken");
        String b = new JsonObject(api.postJson("/api/v1/venues", admin, venue("A", "1 Road", "shop", "G-01")).body()).getString("qrToken");
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void invalidVenueNamesEveryBadField() {
        long before = countVenues();
        HttpResponse<String> response = api.postJson("/api/v1/venues", admin,
                venue("", "12 Old Street", "Bad Type", "G 01"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject body = new JsonObject(response.body());
        List<String> fields = body.getJsonArray("details").stream().map(o -> ((JsonObject) o).getString("field")).toList();
        assertThat(fields).containsExactlyInAnyOrder("name", "type", "grid");
        assertThat(body.getString("error")).contains("grid").contains("'G 01'");
        assertThat(countVenues()).isEqualTo(before);
    }

    @Test
    void wrongJsonTypesAndMissingFieldsAreFieldErrors() {
        HttpResponse<String> response = api.postJson("/api/v1/venues", admin, "{\"name\": 5, \"type\": \"shop\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"name\"").contains("must be a string");

        HttpResponse<String> missing = api.postJson("/api/v1/venues", admin, "{\"name\": \"x\", \"type\": \"shop\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"address\"").contains("\"field\":\"grid\"");
    }

    @Test
    void onlyAdminsAndSupervisorsManageVenues() {
        String body = venue("X", "Y", "shop", "G-01");
        HttpResponse<String> anonymous = api.postJson("/api/v1/venues", null, body);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(api.postJson("/api/v1/venues", "not-a-session-token", body).statusCode()).isEqualTo(401);
        HttpResponse<String> worker = api.postJson("/api/v1/venues", gridWorker, body);
        assertThat(worker.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(worker.body()).getString("error")).contains("admin or supervisor");
        assertThat(api.postJson("/api/v1/venues", owner, body).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/venues", gridWorker).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/venues", null).statusCode()).isEqualTo(401);
    }

    private static long countVenues() {
        try {
            return api.count("venues");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
