package org.firehub.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.firehub.people.Role;
import org.firehub.tickets.TicketHarness.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Across grids and owners: outside one's scope a ticket does not exist, for every read and every step. */
class TicketScopingTest {
    private static TicketHarness hub;
    private static Person supervisor;
    private static Person workerG01;
    private static Person workerG02;
    private static long venueG01;
    private static long venueG02;
    private static long ticketG01;
    private static long ticketG02;

    @BeforeAll
    static void start() {
        hub = new TicketHarness("tickets_scope");
        supervisor = hub.person(Role.SUPERVISOR, null);
        workerG01 = hub.person(Role.GRID_WORKER, "G01");
        workerG02 = hub.person(Role.GRID_WORKER, "G02");
        venueG01 = hub.venue("G01");
        venueG02 = hub.venue("G02");
        ticketG01 = hub.patrol(workerG01, venueG01, "blocked_exit", "major").getLong("id");
        ticketG02 = hub.patrol(workerG02, venueG02, "blocked_exit", "major").getLong("id");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static void assertNotFound(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("not_found");
    }

    @Test
    void aGridWorkerCannotSeeOrWorkAnotherGridsTicket() {
        assertThat(hub.list("", workerG01).stream().map(t -> ((JsonObject) t).getLong("id")).toList())
                .contains(ticketG01).doesNotContain(ticketG02);
        assertThat(hub.list("?grid=G02", workerG01)).isEmpty();
        assertThat(hub.list("?venueId=" + venueG02, workerG01)).isEmpty();
        assertNotFound(hub.get("/api/v1/tickets/" + ticketG02, workerG01));
        assertNotFound(hub.get("/api/v1/tickets/" + ticketG02 + "/history", workerG01));
        assertNotFound(hub.transition(workerG01, ticketG02,
                new JsonObject().put("to", "DISPATCHED").put("assignee", workerG01.id())));
        assertNotFound(hub.post("/api/v1/tickets", workerG01,
                new JsonObject().put("venueId", venueG02).put("hazard", "blocked_exit").put("severity", "minor")));
        // ... and it is exactly what a ticket that does not exist answers.
        assertNotFound(hub.get("/api/v1/tickets/99999999", workerG01));
        assertNotFound(hub.get("/api/v1/tickets/abc", workerG01));
        assertThat(hub.get("/api/v1/tickets/" + ticketG02, workerG02).statusCode()).isEqualTo(200);
    }

    @Test
    void aSupervisorSeesTheWholeTown() {
        assertThat(hub.list("", supervisor).stream().map(t -> ((JsonObject) t).getLong("id")).toList())
                .contains(ticketG01, ticketG02);
        assertThat(hub.list("?grid=G02", supervisor).stream().map(t -> ((JsonObject) t).getLong("id")).toList())
                .containsExactly(ticketG02);
    }

    @Test
    void anOwnerSeesOnlyTheirVenuesAndMaySubmitTheRectification() {
        long ownVenue = hub.venue("G01");
        Person owner = hub.owner(ownVenue);
        long own = hub.patrol(workerG01, ownVenue, "wiring_exposed", "major").getLong("id");
        assertThat(hub.list("", owner).stream().map(t -> ((JsonObject) t).getLong("id")).toList()).containsExactly(own);
        assertNotFound(hub.get("/api/v1/tickets/" + ticketG01, owner));
        assertThat(hub.transition(owner, own, new JsonObject().put("to", "DISPATCHED").put("assignee", owner.id()))
                .statusCode()).isEqualTo(403);

        hub.moved(workerG01, own, new JsonObject().put("to", "DISPATCHED").put("assignee", owner.id()));
        hub.moved(owner, own, new JsonObject().put("to", "RECTIFYING"));
        JsonObject submitted = hub.moved(owner, own, new JsonObject().put("to", "SUBMITTED").put("note", "rewired by an electrician"));
        assertThat(submitted.getString("state")).isEqualTo("SUBMITTED");
        assertThat(hub.transition(owner, own, new JsonObject().put("to", "CLOSED")).statusCode()).isEqualTo(403);
        assertThat(hub.transition(workerG01, own, new JsonObject().put("to", "CLOSED")).statusCode()).isEqualTo(403);
        hub.moved(supervisor, own, new JsonObject().put("to", "CLOSED"));

        Person nobody = hub.owner();
        assertThat(hub.list("", nobody)).isEmpty();
    }
}
