package org.firehub.people.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.firehub.people.Role;
import org.firehub.people.web.PeopleHarness.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One scope for everything a person reads: venues, devices, alarms and tickets. A G01 worker
 * reading G02's by id gets exactly what a missing id gets (404 not_found), and lists hold only
 * their own; an owner sees only owned venues; a move between grids holds on the next request.
 */
class ScopingAcrossGridsTest {
    private static PeopleHarness hub;
    private static Person admin;
    private static Person supervisor;
    private static long venueG01;
    private static long venueG02;
    private static String deviceG01;
    private static String deviceG02;
    private static long alarmG01;
    private static long alarmG02;
    private static long ticketG01;
    private static long ticketG02;

    @BeforeAll
    static void start() {
        hub = new PeopleHarness("people_scope");
        admin = hub.person(Role.ADMIN);
        supervisor = hub.person(Role.SUPERVISOR);
        venueG01 = hub.venue("G01");
        venueG02 = hub.venue("G02");
        deviceG01 = hub.device(venueG01);
        deviceG02 = hub.device(venueG02);
        alarmG01 = hub.alarm(venueG01, "G01");
        alarmG02 = hub.alarm(venueG02, "G02");
        ticketG01 = patrol(venueG01);
        ticketG02 = patrol(venueG02);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static long patrol(long venueId) {
        HttpResponse<String> r = hub.post("/api/v1/tickets", supervisor, new JsonObject().put("venueId", venueId)
                .put("hazard", "blocked_exit").put("severity", "major").put("note", "seen on patrol"));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return new JsonObject(r.body()).getLong("id");
    }

    private static void assertNotFound(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("not_found");
    }

    private static List<Object> ids(HttpResponse<String> r, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body()).stream().map(o -> ((JsonObject) o).getValue(field))
                .map(v -> v instanceof Number n ? (Object) n.longValue() : v).toList();
    }

    @Test
    void aGridWorkerSeesOnlyTheirGridInEveryListAndReadsNothingOfAnotherGridById() {
        Person worker = hub.person(Role.GRID_WORKER, "G01");

        assertThat(ids(hub.get("/api/v1/venues", worker), "id")).contains(venueG01).doesNotContain(venueG02);
        assertThat(ids(hub.get("/api/v1/venues", worker), "grid")).containsOnly("G01");
        assertThat(ids(hub.get("/api/v1/devices", worker), "deviceId")).containsExactly(deviceG01);
        assertThat(ids(hub.get("/api/v1/devices?venueId=" + venueG02, worker), "deviceId")).isEmpty();
        assertThat(ids(hub.get("/api/v1/alarms", worker), "id")).containsExactly(alarmG01);
        assertThat(ids(hub.get("/api/v1/tickets", worker), "id")).containsExactly(ticketG01);

        assertThat(hub.get("/api/v1/venues/" + venueG01, worker).statusCode()).isEqualTo(200);
        assertNotFound(hub.get("/api/v1/venues/" + venueG02, worker));
        assertNotFound(hub.get("/api/v1/alarms/" + alarmG02, worker));
        assertNotFound(hub.get("/api/v1/tickets/" + ticketG02, worker));
        // ... exactly as for ids that do not exist.
        assertNotFound(hub.get("/api/v1/venues/99999999", worker));
        assertNotFound(hub.get("/api/v1/venues/abc", worker));
        assertNotFound(hub.get("/api/v1/alarms/99999999", worker));
    }

    @Test
    void aGridLeaderAlsoSeesTheGridTheyLead() {
        Person leader = hub.person(Role.GRID_WORKER, "G01");
        hub.execute("UPDATE grids SET leader_user_id = ? WHERE code = 'G02'", leader.id());
        try {
            assertThat(ids(hub.get("/api/v1/venues", leader), "id")).contains(venueG01, venueG02);
            assertThat(hub.get("/api/v1/alarms/" + alarmG02, leader).statusCode()).isEqualTo(200);
        } finally {
            hub.execute("UPDATE grids SET leader_user_id = NULL WHERE code = 'G02'");
        }
    }

    @Test
    void aWorkerMovedToAnotherGridSeesItOnTheNextRequest() {
        Person worker = hub.person(Role.GRID_WORKER, "G01");
        assertThat(hub.get("/api/v1/tickets/" + ticketG01, worker).statusCode()).isEqualTo(200);

        HttpResponse<String> moved = hub.patch("/api/v1/users/" + worker.id(), admin,
                new JsonObject().put("grids", new JsonArray().add("G02")));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

        // Same session, next request: the new grid, not the old one.
        assertThat(ids(hub.get("/api/v1/venues", worker), "id")).contains(venueG02).doesNotContain(venueG01);
        assertThat(hub.get("/api/v1/alarms/" + alarmG02, worker).statusCode()).isEqualTo(200);
        assertNotFound(hub.get("/api/v1/alarms/" + alarmG01, worker));
        assertNotFound(hub.get("/api/v1/tickets/" + ticketG01, worker));
        assertThat(hub.get("/api/v1/tickets/" + ticketG02, worker).statusCode()).isEqualTo(200);
        assertThat(hub.revokedSessionsOf).as("a grid move is no reason to sign anyone out").doesNotContain(worker.id());
    }

    @Test
    void anOwnerSeesOnlyOwnedVenuesAndWhatHappensThere() {
        Person owner = hub.owner(venueG02);
        assertThat(ids(hub.get("/api/v1/venues", owner), "id")).containsExactly(venueG02);
        assertThat(ids(hub.get("/api/v1/devices", owner), "deviceId")).containsExactly(deviceG02);
        assertThat(ids(hub.get("/api/v1/alarms", owner), "id")).containsExactly(alarmG02);
        assertThat(ids(hub.get("/api/v1/tickets", owner), "id")).containsExactly(ticketG02);
        assertNotFound(hub.get("/api/v1/venues/" + venueG01, owner));
        assertNotFound(hub.get("/api/v1/alarms/" + alarmG01, owner));
        assertNotFound(hub.get("/api/v1/tickets/" + ticketG01, owner));

        // Ownership taken away through the admin API: gone on the next request.
        assertThat(hub.delete("/api/v1/venues/" + venueG02 + "/owners/" + owner.id(), admin).statusCode()).isEqualTo(200);
        assertThat(ids(hub.get("/api/v1/venues", owner), "id")).isEmpty();
        assertNotFound(hub.get("/api/v1/venues/" + venueG02, owner));
        assertThat(ids(hub.get("/api/v1/alarms", owner), "id")).isEmpty();
    }

    @Test
    void supervisorsAndAdminsSeeTheWholeTown() {
        for (Person p : List.of(supervisor, admin)) {
            assertThat(ids(hub.get("/api/v1/venues", p), "id")).contains(venueG01, venueG02);
            assertThat(ids(hub.get("/api/v1/devices", p), "deviceId")).contains(deviceG01, deviceG02);
            assertThat(ids(hub.get("/api/v1/alarms", p), "id")).contains(alarmG01, alarmG02);
            assertThat(hub.get("/api/v1/venues/" + venueG02, p).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aDisabledUserSeesNothingEvenWithASessionLeft() {
        Person worker = hub.person(Role.GRID_WORKER, "G01");
        String token = worker.token();
        hub.execute("UPDATE users SET disabled = true WHERE id = ?", worker.id());
        // Whether the session still authenticates is the session service's business; the scope is empty regardless.
        HttpResponse<String> r = hub.get("/api/v1/venues", new Person(worker.id(), worker.username(), token));
        if (r.statusCode() == 200) assertThat(new JsonArray(r.body())).isEmpty();
        else assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void venueWritesKeepTheirRoles() {
        Person worker = hub.person(Role.GRID_WORKER, "G01");
        JsonObject venue = new JsonObject().put("name", "Tea House").put("address", "2 Bridge St").put("type", "restaurant")
                .put("grid", "G01");
        assertThat(hub.post("/api/v1/venues", worker, venue).statusCode()).isEqualTo(403);
        assertThat(hub.post("/api/v1/venues", supervisor, venue).statusCode()).isEqualTo(201);
    }
}
