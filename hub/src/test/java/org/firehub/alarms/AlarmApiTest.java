package org.firehub.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.alarms.AlarmHarness.await;
import static org.firehub.alarms.AlarmHarness.gasAlarm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.firehub.people.Role;
import org.firehub.rules.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AlarmApiTest {
    static AlarmHarness h;
    static String admin;
    static String supervisor;
    static String workerNorth;
    static String workerSouth;
    static String owner;
    static long northVenue;
    static long southVenue;
    static String northDevice;
    static String southDevice;
    static Alarm northGas;
    static Alarm northClearedSmoke;
    static Alarm southGas;
    static Alarm northFire;
    static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    @BeforeAll
    static void start() {
        h = new AlarmHarness("alarm_api");
        admin = h.person(Role.ADMIN, null);
        supervisor = h.person(Role.SUPERVISOR, null);
        workerNorth = h.person(Role.GRID_WORKER, "G-north");
        workerSouth = h.person(Role.GRID_WORKER, "G-south");
        owner = h.person(Role.VENUE_OWNER, null);
        northVenue = h.venue("G-north");
        southVenue = h.venue("G-south");
        northDevice = h.device(northVenue);
        southDevice = h.device(southVenue);
        northGas = h.raised(gasAlarm(AlarmSubject.device(northVenue, northDevice), "G-north", "gas-high", T0));
        northClearedSmoke = h.raised(new AlarmRaise(AlarmSubject.device(northVenue, northDevice), "G-north", "smoke-alarm",
                "smoke", Severity.CRITICAL, T0.plusSeconds(10), Map.of(), "event alarm"));
        await(h.store.clear(new AlarmClear(AlarmSubject.device(northVenue, northDevice), "smoke-alarm", T0.plusSeconds(70),
                "event alarm_cleared")));
        southGas = h.raised(gasAlarm(AlarmSubject.device(southVenue, southDevice), "G-south", "gas-high", T0.plusSeconds(20)));
        northFire = h.raised(new AlarmRaise(AlarmSubject.venue(northVenue), "G-north", "confirmed-fire", "fire",
                Severity.CRITICAL, T0.plusSeconds(30), Map.of("alarms", 2.0), "2 smoke alarms within 120 s"));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static JsonArray list(String query, String token) {
        HttpResponse<String> response = h.get("/api/v1/alarms" + query, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return new JsonArray(response.body());
    }

    private static List<Long> ids(JsonArray array) {
        return array.stream().map(o -> ((JsonObject) o).getLong("id")).toList();
    }

    @Test
    void activeAlarmsCarryTheContractFieldsNewestFirst() {
        JsonArray active = list("?active=true", admin);
        assertThat(ids(active)).containsSubsequence(northFire.id(), southGas.id(), northGas.id())
                .doesNotContain(northClearedSmoke.id());

        JsonObject gas = active.getJsonObject(ids(active).indexOf(northGas.id()));
        assertThat(gas.fieldNames()).contains("id", "deviceId", "venueId", "hazard", "severity", "raisedAt", "clearedAt");
        assertThat(gas.getString("deviceId")).isEqualTo(northDevice);
        assertThat(gas.getLong("venueId")).isEqualTo(northVenue);
        assertThat(gas.getString("hazard")).isEqualTo("gas_leak");
        assertThat(gas.getString("severity")).isEqualTo("major");
        assertThat(gas.getString("raisedAt")).isEqualTo("2026-11-24T08:00:00Z");
        assertThat(gas.containsKey("clearedAt")).isTrue();
        assertThat(gas.getValue("clearedAt")).isNull();
        assertThat(gas.getString("ruleId")).isEqualTo("gas-high");
        assertThat(gas.getString("grid")).isEqualTo("G-north");
        assertThat(gas.getJsonObject("values").getDouble("gas_lel_pct")).isEqualTo(31.0);
        assertThat(gas.getInteger("repeats")).isZero();

        JsonObject fire = active.getJsonObject(ids(active).indexOf(northFire.id()));
        assertThat(fire.containsKey("deviceId")).isTrue();
        assertThat(fire.getValue("deviceId")).as("venue alarms have no device").isNull();
        assertThat(fire.getString("severity")).isEqualTo("critical");
    }

    @Test
    void filtersNarrowTheList() {
        JsonArray cleared = list("?active=false", admin);
        assertThat(ids(cleared)).containsExactly(northClearedSmoke.id());
        assertThat(cleared.getJsonObject(0).getString("clearedAt")).isEqualTo("2026-11-24T08:01:10Z");

        assertThat(ids(list("?venueId=" + southVenue, admin))).containsExactly(southGas.id());
        assertThat(ids(list("?deviceId=" + northDevice, admin))).containsExactly(northClearedSmoke.id(), northGas.id());
        assertThat(ids(list("?hazard=gas_leak", admin))).containsExactly(southGas.id(), northGas.id());
        assertThat(ids(list("?severity=critical&active=true", admin))).containsExactly(northFire.id());
        assertThat(ids(list("?since=" + URLEncoder.encode("2026-11-24T08:00:20Z", StandardCharsets.UTF_8), admin)))
                .containsExactly(northFire.id(), southGas.id());
        assertThat(ids(list("?since=2026-11-24T16:00:20%2B08:00", admin))).as("offsets are understood")
                .containsExactly(northFire.id(), southGas.id());
        assertThat(ids(list("?limit=2", supervisor))).containsExactly(northFire.id(), southGas.id());
    }

    @Test
    void badQueryParametersAreRefusedNamingEachOne() {
        HttpResponse<String> response = h.get("/api/v1/alarms?active=yes&venueId=abc&severity=urgent&since=yesterday"
                + "&limit=5000&deviceId=bad%20id", admin);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject body = new JsonObject(response.body());
        List<String> fields = body.getJsonArray("details").stream().map(o -> ((JsonObject) o).getString("field")).toList();
        assertThat(fields).containsExactlyInAnyOrder("active", "venueId", "severity", "since", "limit", "deviceId");
        assertThat(body.getString("error")).contains("active: must be true or false, got 'yes'")
                .contains("severity: must be minor, major or critical");

        assertThat(h.get("/api/v1/alarms?activ=true", admin).body()).contains("activ").contains("is not a filter");
        assertThat(h.get("/api/v1/alarms?activ=true", admin).statusCode()).isEqualTo(400);
        assertThat(h.get("/api/v1/alarms?active=true&active=false", admin).statusCode()).isEqualTo(400);
        assertThat(h.get("/api/v1/alarms?limit=0", admin).statusCode()).isEqualTo(400);
    }

    @Test
    void aGridWorkerSeesOnlyTheirGridAndOtherGridsAlarmsDoNotExistForThem() {
        assertThat(ids(list("", workerNorth))).containsExactlyInAnyOrder(northFire.id(), northClearedSmoke.id(), northGas.id());
        assertThat(ids(list("?venueId=" + southVenue, workerNorth))).isEmpty();
        assertThat(ids(list("?active=true", workerSouth))).containsExactly(southGas.id());

        HttpResponse<String> foreign = h.get("/api/v1/alarms/" + southGas.id(), workerNorth);
        HttpResponse<String> missing = h.get("/api/v1/alarms/999999", workerNorth);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(missing.body().replace("999999", Long.toString(southGas.id())));
        assertThat(h.postJson("/api/v1/alarms/" + southGas.id() + "/acknowledge", workerNorth, null).statusCode()).isEqualTo(404);
        assertThat(h.postJson("/api/v1/alarms/" + southGas.id() + "/comments", workerNorth, "{\"text\":\"hi\"}").statusCode())
                .isEqualTo(404);
        assertThat(h.get("/api/v1/alarms/" + southGas.id(), workerSouth).statusCode()).isEqualTo(200);
    }

    @Test
    void ownersSeeNoAlarmsUntilVenueOwnershipExists() {
        assertThat(list("", owner)).isEmpty();
        assertThat(h.get("/api/v1/alarms/" + northGas.id(), owner).statusCode()).isEqualTo(404);
    }

    @Test
    void signedOutRequestsAreRefused() {
        HttpResponse<String> response = h.get("/api/v1/alarms?active=true", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(h.get("/api/v1/alarms/stream", "not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void anAcknowledgementNamesThePersonAndKeepsTheNote() {
        // Its own grid, hazard and an earlier day, so the list tests never see it whatever the test order.
        String workerEast = h.person(Role.GRID_WORKER, "G-east");
        long eastVenue = h.venue("G-east");
        Alarm alarm = h.raised(new AlarmRaise(AlarmSubject.device(eastVenue, h.device(eastVenue)), "G-east", "rcm-high",
                "electrical", Severity.MINOR, T0.minusSeconds(86_400), Map.of("residual_current_ma", 320.0), "320 mA ≥ 300 mA"));
        String path = "/api/v1/alarms/" + alarm.id();

        HttpResponse<String> acked = h.postJson(path + "/acknowledge", workerEast, "{\"note\": \"on my way\"}");
        assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
        JsonObject body = new JsonObject(acked.body());
        assertThat(body.getString("acknowledgedBy")).startsWith("grid_worker");
        assertThat(Instant.parse(body.getString("acknowledgedAt"))).isAfter(Instant.now().minusSeconds(60));

        HttpResponse<String> again = h.postJson(path + "/acknowledge", workerEast, null);
        assertThat(again.statusCode()).as("the same person again: a retry").isEqualTo(200);
        assertThat(new JsonObject(again.body()).getString("acknowledgedAt")).isEqualTo(body.getString("acknowledgedAt"));
        HttpResponse<String> someoneElse = h.postJson(path + "/acknowledge", supervisor, "{}");
        assertThat(someoneElse.statusCode()).isEqualTo(409);
        assertThat(someoneElse.body()).contains("already acknowledged by " + body.getString("acknowledgedBy"));

        JsonObject detail = new JsonObject(h.get(path, admin).body());
        assertThat(detail.getJsonArray("comments")).hasSize(1);
        assertThat(detail.getJsonArray("comments").getJsonObject(0).getString("text")).isEqualTo("on my way");
        assertThat(h.postJson(path + "/acknowledge", admin, "{\"note\": 5}").statusCode()).isEqualTo(400);
    }

    @Test
    void commentsAreKeptInOrderAndTheirLengthIsChecked() {
        String path = "/api/v1/alarms/" + northGas.id();
        HttpResponse<String> first = h.postJson(path + "/comments", workerNorth, "{\"text\": \"valve closed\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(new JsonObject(first.body()).getString("author")).startsWith("grid_worker");
        assertThat(h.postJson(path + "/comments", supervisor, "{\"text\": \"thanks\"}").statusCode()).isEqualTo(201);

        JsonObject detail = new JsonObject(h.get(path, workerNorth).body());
        assertThat(detail.getJsonArray("comments").stream().map(o -> ((JsonObject) o).getString("text")))
                .containsSubsequence("valve closed", "thanks");
        assertThat(detail.getLong("id")).isEqualTo(northGas.id());

        assertThat(h.postJson(path + "/comments", admin, "{\"text\": \"   \"}").statusCode()).isEqualTo(400);
        assertThat(h.postJson(path + "/comments", admin, "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> tooLong = h.postJson(path + "/comments", admin, new JsonObject().put("text", "x".repeat(2001)).encode());
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("text").contains("2000");
        assertThat(h.postJson(path + "/comments", admin, new JsonObject().put("text", "x".repeat(2000)).encode()).statusCode())
                .isEqualTo(201);
        assertThat(h.get("/api/v1/alarms/not-a-number", admin).statusCode()).isEqualTo(404);
    }
}
