package org.firehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.firehub.people.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/tickets/{id}/assignees} over real PostgreSQL: the people a dispatcher can
 * pick are exactly those who can work the venue, by name; nobody else learns anything.
 */
class TicketAssigneesTest {
    private static ConsoleHarness hub;
    private static ConsoleHarness.Person supervisor;
    private static ConsoleHarness.Person member;
    private static ConsoleHarness.Person leader;
    private static ConsoleHarness.Person owner;
    private static ConsoleHarness.Person otherGridWorker;
    private static ConsoleHarness.Person disabledMember;
    private static ConsoleHarness.Person otherOwner;
    private static ConsoleHarness.Person admin;
    private static long venue;
    private static long ticket;

    @BeforeAll
    static void start() {
        hub = new ConsoleHarness("console_assignees");
        supervisor = hub.person(Role.SUPERVISOR, null, "Zhao Supervisor");
        member = hub.person(Role.GRID_WORKER, "A01", "Wang Wei");
        // The leader works the grid without being a member of it.
        leader = hub.person(Role.GRID_WORKER, null, "Li Leader");
        otherGridWorker = hub.person(Role.GRID_WORKER, "A02", "Sun Other");
        disabledMember = hub.person(Role.GRID_WORKER, "A01", "Gone Away");
        owner = hub.person(Role.VENUE_OWNER, null, "Chen Owner");
        otherOwner = hub.person(Role.VENUE_OWNER, null, "Not Mine");
        admin = hub.person(Role.ADMIN, null);
        venue = hub.venue("A01");
        long elsewhere = hub.venue("A02");
        hub.execute("UPDATE grids SET leader_user_id = ? WHERE code = 'A01'", leader.id());
        hub.execute("INSERT INTO venue_owners (user_id, venue_id) VALUES (?, ?)", owner.id(), venue);
        hub.execute("INSERT INTO venue_owners (user_id, venue_id) VALUES (?, ?)", otherOwner.id(), elsewhere);
        hub.execute("UPDATE users SET disabled = true WHERE id = ?", disabledMember.id());
        ticket = hub.ticket(supervisor, venue, "blocked_exit");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void aSupervisorIsOfferedTheGridsWorkersTheOwnersAndTheSupervisorsByName() {
        HttpResponse<String> r = hub.get("/api/v1/tickets/" + ticket + "/assignees", supervisor);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonArray people = new JsonArray(r.body());
        // Grid workers first, then owners, then supervisors, each sorted by name.
        assertThat(ids(people)).containsExactly(leader.id(), member.id(), owner.id(), supervisor.id());
        JsonObject first = people.getJsonObject(1);
        assertThat(first.getString("username")).isEqualTo(member.username());
        assertThat(first.getString("displayName")).isEqualTo("Wang Wei");
        assertThat(first.getString("role")).isEqualTo("grid_worker");
        assertThat(people.getJsonObject(2).getString("role")).isEqualTo("venue_owner");
        assertThat(r.body()).doesNotContain("Sun Other", "Gone Away", "Not Mine", admin.username());
    }

    @Test
    void everyoneOfferedCanReallyBeDispatchedTo() {
        for (ConsoleHarness.Person person : List.of(leader, member, owner, supervisor)) {
            long fresh = hub.ticket(supervisor, venue, "exit_sign_dark_" + person.id());
            List<Long> offered = ids(new JsonArray(hub.get("/api/v1/tickets/" + fresh + "/assignees", supervisor).body()));
            assertThat(offered).contains(person.id());
            hub.transition(supervisor, fresh, new JsonObject().put("to", "DISPATCHED").put("assignee", person.id()));
        }
    }

    @Test
    void aWorkerOfTheGridSeesTheSameList() {
        HttpResponse<String> r = hub.get("/api/v1/tickets/" + ticket + "/assignees", member);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ids(new JsonArray(r.body()))).containsExactly(leader.id(), member.id(), owner.id(), supervisor.id());
    }

    @Test
    void anotherGridsWorkerGetsNotFoundLikeAMissingTicket() {
        assertError(hub.get("/api/v1/tickets/" + ticket + "/assignees", otherGridWorker), 404, "not_found");
        assertError(hub.get("/api/v1/tickets/987654321/assignees", supervisor), 404, "not_found");
        assertError(hub.get("/api/v1/tickets/abc/assignees", supervisor), 404, "not_found");
        assertError(hub.get("/api/v1/tickets/-3/assignees", supervisor), 404, "not_found");
    }

    @Test
    void aVenueOwnerMayNotDispatchSoIsRefused() {
        assertError(hub.get("/api/v1/tickets/" + ticket + "/assignees", owner), 403, "forbidden");
    }

    @Test
    void withoutASessionItIsUnauthorized() {
        HttpResponse<String> r = hub.send("GET", "/api/v1/tickets/" + ticket + "/assignees", null, Map.of());
        assertThat(r.statusCode()).isEqualTo(401);
        HttpResponse<String> bad = hub.send("GET", "/api/v1/tickets/" + ticket + "/assignees", null,
                Map.of("Authorization", "Bearer not-a-session"));
        assertThat(bad.statusCode()).isEqualTo(401);
    }

    private static void assertError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("code")).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Wang Wei", "Chen Owner");
    }

    private static List<Long> ids(JsonArray people) {
        return people.stream().map(p -> ((JsonObject) p).getLong("id")).toList();
    }
}
