package org.firehub.people.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.firehub.people.Role;
import org.firehub.people.web.PeopleHarness.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API for users, grids and ownership: validation codes, who may write, audit rows, ended sessions. */
class PeopleAdminApiTest {
    private static final String PASSWORD = "correct horse battery";
    private static PeopleHarness hub;
    private static Person admin;
    private static Person supervisor;

    @BeforeAll
    static void start() {
        hub = new PeopleHarness("people_admin");
        admin = hub.person(Role.ADMIN);
        supervisor = hub.person(Role.SUPERVISOR);
        hub.execute("INSERT INTO grids (code, name) VALUES ('G01', 'Old Town'), ('G02', 'Riverside')");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static JsonObject newUser(String username, String role) {
        return new JsonObject().put("username", username).put("role", role).put("password", PASSWORD);
    }

    private static JsonObject created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("code")).as(r.body()).isEqualTo(code);
        assertThat(body.getString("message")).isNotBlank();
    }

    private static long auditRows(String action, String subject) {
        return hub.queryLong("SELECT count(*) FROM security_audit WHERE action = ? AND subject = ?", action, subject);
    }

    @Test
    void anAdminCreatesAGridWorkerWhoCanLogInAndSeeTheirGrid() {
        JsonObject user = created(hub.post("/api/v1/users", admin, newUser("li.wei", "grid_worker")
                .put("displayName", "Li Wei").put("phone", "+86 139 0000 0000").put("grids", new JsonArray().add("G01"))));
        assertThat(user.getString("role")).isEqualTo("grid_worker");
        assertThat(user.getJsonArray("grids")).containsExactly("G01");
        assertThat(user.getBoolean("disabled")).isFalse();
        assertThat(user.getString("createdAt")).isNotBlank();
        assertThat(user.fieldNames()).doesNotContain("password", "passwordHash", "password_hash");
        assertThat(hub.rows("SELECT password_hash FROM users WHERE username = 'li.wei'").getFirst()).startsWith("$argon2id$");

        long id = user.getLong("id");
        assertThat(auditRows("user.created", "user:" + id)).isEqualTo(1);
        assertThat(hub.rows("SELECT actor_user_id, source_address FROM security_audit WHERE subject = ?", "user:" + id))
                .containsExactly(admin.id() + "|127.0.0.1");

        String token = PeopleHarness.await(hub.sessions.login("li.wei", PASSWORD));
        assertThat(token).isNotBlank();
        HttpResponse<String> read = hub.get("/api/v1/users/" + id, supervisor);
        assertThat(new JsonObject(read.body()).getString("displayName")).isEqualTo("Li Wei");
        assertThat(hub.get("/api/v1/users", supervisor).body()).contains("li.wei").doesNotContain("argon2");
    }

    @Test
    void badUserRequestsAreRefusedEachWithItsCode() {
        assertError(hub.post("/api/v1/users", admin, newUser("x1", "firefighter")), 400, "invalid_role");
        assertError(hub.post("/api/v1/users", admin, newUser("x2", "supervisor").put("password", "short")), 400,
                "password_too_short");
        assertError(hub.post("/api/v1/users", admin, newUser("x3", "supervisor").put("password", "p".repeat(1025))), 400,
                "password_too_long");
        assertError(hub.post("/api/v1/users", admin, newUser("x4", "grid_worker").put("grids", new JsonArray().add("G99"))),
                400, "unknown_grid");
        assertError(hub.post("/api/v1/users", admin, newUser("x5", "venue_owner").put("grids", new JsonArray().add("G01"))),
                400, "grids_need_grid_worker");
        assertError(hub.post("/api/v1/users", admin, newUser("bad name!", "supervisor")), 400, "invalid");
        assertError(hub.post("/api/v1/users", admin, newUser("x6", "supervisor").put("phone", "call me")), 400, "invalid");
        created(hub.post("/api/v1/users", admin, newUser("twice", "supervisor")));
        assertError(hub.post("/api/v1/users", admin, newUser("twice", "supervisor")), 409, "username_taken");
        assertError(hub.patch("/api/v1/users/" + admin.id(), admin, new JsonObject().put("password", "short")), 400,
                "password_too_short");
        assertError(hub.patch("/api/v1/users/" + admin.id(), admin, new JsonObject().put("username", "root")), 400, "invalid");
        assertError(hub.get("/api/v1/users/99999999", admin), 404, "not_found");
        assertThat(hub.queryLong("SELECT count(*) FROM users WHERE username LIKE 'x_'")).isZero();
    }

    @Test
    void onlyAdminsWriteAndSupervisorsRead() {
        Person worker = hub.person(Role.GRID_WORKER, "G01");
        assertError(hub.post("/api/v1/users", supervisor, newUser("by.sup", "supervisor")), 403, "forbidden");
        assertError(hub.patch("/api/v1/users/" + worker.id(), supervisor, new JsonObject().put("disabled", true)), 403, "forbidden");
        assertError(hub.post("/api/v1/grids", supervisor, new JsonObject().put("code", "G77")), 403, "forbidden");
        assertError(hub.put("/api/v1/venues/1/owners/1", supervisor), 403, "forbidden");
        assertError(hub.get("/api/v1/users", worker), 403, "forbidden");
        assertError(hub.get("/api/v1/grids", worker), 403, "forbidden");
        assertError(hub.get("/api/v1/users", null), 401, "unauthorized");
        assertThat(hub.get("/api/v1/grids", supervisor).statusCode()).isEqualTo(200);
        assertThat(hub.queryLong("SELECT count(*) FROM users WHERE username = 'by.sup'")).isZero();
    }

    @Test
    void disablingAUserEndsTheirSessionsAndIsAudited() {
        Person worker = hub.person(Role.GRID_WORKER, "G01");
        hub.session(worker.id());
        assertThat(hub.get("/api/v1/venues", worker).statusCode()).isEqualTo(200);

        HttpResponse<String> r = hub.patch("/api/v1/users/" + worker.id(), admin, new JsonObject().put("disabled", true));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getBoolean("disabled")).isTrue();
        assertThat(hub.queryLong("SELECT count(*) FROM sessions WHERE user_id = ?", worker.id())).isZero();
        assertThat(hub.revokedSessionsOf).contains(worker.id());
        assertThat(auditRows("user.disabled", "user:" + worker.id())).isEqualTo(1);

        HttpResponse<String> enabled = hub.patch("/api/v1/users/" + worker.id(), admin, new JsonObject().put("disabled", false));
        assertThat(new JsonObject(enabled.body()).getBoolean("disabled")).isFalse();
        assertThat(auditRows("user.enabled", "user:" + worker.id())).isEqualTo(1);
    }

    @Test
    void aNewRoleOrPasswordEndsSessionsButANewPhoneDoesNot() {
        Person worker = hub.person(Role.GRID_WORKER, "G01");
        hub.patch("/api/v1/users/" + worker.id(), admin, new JsonObject().put("phone", "0571-8888"));
        assertThat(hub.queryLong("SELECT count(*) FROM sessions WHERE user_id = ?", worker.id())).isEqualTo(1);
        assertThat(hub.revokedSessionsOf).doesNotContain(worker.id());

        HttpResponse<String> r = hub.patch("/api/v1/users/" + worker.id(), admin, new JsonObject().put("role", "supervisor"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject user = new JsonObject(r.body());
        assertThat(user.getString("role")).isEqualTo("supervisor");
        assertThat(user.getJsonArray("grids")).as("grids belong to grid workers only").isEmpty();
        assertThat(hub.queryLong("SELECT count(*) FROM sessions WHERE user_id = ?", worker.id())).isZero();
        assertThat(hub.revokedSessionsOf).contains(worker.id());

        hub.session(worker.id());
        assertThat(hub.patch("/api/v1/users/" + worker.id(), admin, new JsonObject().put("password", "another long password"))
                .statusCode()).isEqualTo(200);
        assertThat(hub.queryLong("SELECT count(*) FROM sessions WHERE user_id = ?", worker.id())).isZero();
        assertThat(hub.rows("SELECT details->>'changed' FROM security_audit WHERE subject = ? ORDER BY id",
                "user:" + worker.id())).containsExactly("[\"phone\"]", "[\"role\", \"grids\"]", "[\"password\"]");
    }

    @Test
    void anAdminCannotDisableOrDemoteThemselves() {
        assertError(hub.patch("/api/v1/users/" + admin.id(), admin, new JsonObject().put("disabled", true)), 409, "self_lockout");
        assertError(hub.patch("/api/v1/users/" + admin.id(), admin, new JsonObject().put("role", "supervisor")), 409,
                "self_lockout");
        assertThat(hub.rows("SELECT role, disabled FROM users WHERE id = ?", admin.id())).containsExactly("admin|f");
        assertThat(hub.queryLong("SELECT count(*) FROM security_audit WHERE subject = ?", "user:" + admin.id())).isZero();
    }

    @Test
    void gridsHaveALeaderWhoMustBeAnEnabledWorkerOrSupervisor() {
        Person worker = hub.person(Role.GRID_WORKER, "G01");
        Person owner = hub.person(Role.VENUE_OWNER);
        JsonObject grid = created(hub.post("/api/v1/grids", admin, new JsonObject().put("code", "G10").put("name", "Hillside")
                .put("leaderUserId", worker.id())));
        assertThat(grid.getLong("leaderUserId")).isEqualTo(worker.id());
        assertThat(grid.getLong("venues")).isZero();
        assertThat(auditRows("grid.created", "grid:G10")).isEqualTo(1);

        assertError(hub.post("/api/v1/grids", admin, new JsonObject().put("code", "G11").put("leaderUserId", owner.id())), 400,
                "invalid_leader");
        assertError(hub.post("/api/v1/grids", admin, new JsonObject().put("code", "G11").put("leaderUserId", 99999999)), 400,
                "invalid_leader");
        assertError(hub.post("/api/v1/grids", admin, new JsonObject().put("code", "G10")), 409, "grid_exists");
        assertError(hub.post("/api/v1/grids", admin, new JsonObject().put("code", "no spaces")), 400, "invalid");
        assertError(hub.patch("/api/v1/grids/G10", admin, new JsonObject().put("leaderUserId", owner.id())), 400, "invalid_leader");
        assertError(hub.patch("/api/v1/grids/G404", admin, new JsonObject().put("name", "x")), 404, "not_found");

        hub.venue("G10");
        HttpResponse<String> renamed = hub.patch("/api/v1/grids/G10", admin, new JsonObject().put("name", "Hill Side")
                .put("leaderUserId", supervisor.id()));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        JsonObject after = new JsonObject(renamed.body());
        assertThat(after.getString("name")).isEqualTo("Hill Side");
        assertThat(after.getLong("leaderUserId")).isEqualTo(supervisor.id());
        assertThat(after.getLong("venues")).isEqualTo(1);
        assertThat(auditRows("grid.updated", "grid:G10")).isEqualTo(1);

        // A disabled leader would receive escalations nobody acts on: disabling ends the leadership.
        hub.patch("/api/v1/grids/G10", admin, new JsonObject().put("leaderUserId", worker.id()));
        hub.patch("/api/v1/users/" + worker.id(), admin, new JsonObject().put("disabled", true));
        assertThat(new JsonObject(hub.get("/api/v1/grids/G10", admin).body()).getValue("leaderUserId")).isNull();
    }

    @Test
    void venueOwnersAreManagedPerVenue() {
        long venue = hub.venue("G01");
        Person owner = hub.person(Role.VENUE_OWNER);
        Person worker = hub.person(Role.GRID_WORKER, "G01");

        HttpResponse<String> added = hub.put("/api/v1/venues/" + venue + "/owners/" + owner.id(), admin);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(new JsonArray(added.body()).getJsonObject(0).getLong("id")).isEqualTo(owner.id());
        assertThat(hub.put("/api/v1/venues/" + venue + "/owners/" + owner.id(), admin).statusCode()).isEqualTo(200);
        assertThat(auditRows("venue.owner_added", "venue:" + venue)).as("an unchanged PUT records nothing").isEqualTo(1);
        assertThat(new JsonObject(hub.get("/api/v1/users/" + owner.id(), admin).body()).getJsonArray("venues")
                .getLong(0)).isEqualTo(venue);

        assertError(hub.put("/api/v1/venues/" + venue + "/owners/" + worker.id(), admin), 400, "not_a_venue_owner");
        assertError(hub.put("/api/v1/venues/99999999/owners/" + owner.id(), admin), 404, "not_found");
        assertThat(new JsonArray(hub.get("/api/v1/venues/" + venue + "/owners", supervisor).body())).hasSize(1);

        HttpResponse<String> removed = hub.delete("/api/v1/venues/" + venue + "/owners/" + owner.id(), admin);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(new JsonArray(removed.body())).isEmpty();
        assertThat(auditRows("venue.owner_removed", "venue:" + venue)).isEqualTo(1);
    }
}
