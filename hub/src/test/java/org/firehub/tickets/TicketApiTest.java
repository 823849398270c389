package org.firehub.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.firehub.people.Role;
import org.firehub.tickets.TicketHarness.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ticket API on a real server and database: the whole loop, refusals with their codes, repeats. */
class TicketApiTest {
    private static TicketHarness hub;
    private static Person supervisor;
    private static Person admin;
    private static Person workerG01;
    private static long venueG01;

    @BeforeAll
    static void start() {
        hub = new TicketHarness("tickets_api");
        supervisor = hub.person(Role.SUPERVISOR, null);
        admin = hub.person(Role.ADMIN, null);
        workerG01 = hub.person(Role.GRID_WORKER, "G01");
        venueG01 = hub.venue("G01");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static JsonObject to(String state) {
        return new JsonObject().put("to", state);
    }

    private static JsonObject error(HttpResponse<String> r) {
        return new JsonObject(r.body());
    }

    @Test
    void aHazardGoesRoundTheWholeLoopAndEveryStepIsInItsHistory() {
        JsonObject opened = hub.patrol(workerG01, venueG01, "blocked_exit", "major");
        long id = opened.getLong("id");
        assertThat(opened.getString("state")).isEqualTo("OPEN");
        assertThat(opened.getString("source")).isEqualTo("patrol");
        assertThat(Instant.parse(opened.getString("deadline"))).isEqualTo(hub.clock.instant().plus(Duration.ofDays(3)));

        JsonObject dispatched = hub.moved(workerG01, id, to("DISPATCHED").put("assignee", workerG01.id()).put("note", "yours"));
        assertThat(dispatched.getString("assignee")).isEqualTo(workerG01.username());
        JsonObject rectifying = hub.moved(workerG01, id, to("RECTIFYING").put("version", dispatched.getInteger("version")));
        assertThat(rectifying.getString("state")).isEqualTo("RECTIFYING");
        JsonObject submitted = hub.moved(workerG01, id, to("SUBMITTED").put("note", "exit cleared, boxes removed"));
        // Monday 2026-03-02 in UTC (10:00 in Shanghai; the harness's policy is UTC): due by the end of Thursday.
        assertThat(submitted.getString("verifyBy")).isEqualTo("2026-03-06T00:00:00Z");
        JsonObject closed = hub.moved(supervisor, id, to("CLOSED").put("note", "checked on site"));
        assertThat(closed.getString("state")).isEqualTo("CLOSED");
        assertThat(closed.getString("closedAt")).isNotNull();
        assertThat(closed.getInteger("version")).isEqualTo(opened.getInteger("version") + 4);

        JsonArray history = new JsonArray(hub.get("/api/v1/tickets/" + id + "/history", supervisor).body());
        assertThat(history.stream().map(e -> ((JsonObject) e).getString("action")).toList())
                .containsExactly("opened", "dispatch", "accept", "submit", "verify");
        JsonObject verify = history.getJsonObject(4);
        assertThat(verify.getString("actor")).isEqualTo(supervisor.username());
        assertThat(verify.getString("actorRole")).isEqualTo("supervisor");
        assertThat(verify.getString("from")).isEqualTo("SUBMITTED");
        assertThat(verify.getString("to")).isEqualTo("CLOSED");
        assertThat(verify.getString("note")).isEqualTo("checked on site");
        assertThat(verify.getString("sourceAddress")).isEqualTo("127.0.0.1");
        assertThat(history.getJsonObject(1).getJsonObject("details").getLong("assigneeId")).isEqualTo(workerG01.id());
    }

    @Test
    void theListAnswersTheContractsFields() {
        long venue = hub.venue("G01");
        hub.patrol(supervisor, venue, "extinguisher_expired", "minor");
        JsonArray open = hub.list("?state=OPEN&venueId=" + venue, supervisor);
        assertThat(open).hasSize(1);
        assertThat(open.getJsonObject(0).fieldNames())
                .contains("id", "venueId", "deviceId", "hazard", "severity", "state", "assignee", "deadline", "occurrences");
        assertThat(open.getJsonObject(0).getInteger("occurrences")).isEqualTo(1);
        assertThat(hub.list("?state=CLOSED&venueId=" + venue, supervisor)).isEmpty();
    }

    @Test
    void aRepeatedPatrolFindingCountsAnOccurrenceOnTheOpenTicket() {
        long venue = hub.venue("G01");
        JsonObject body = new JsonObject().put("venueId", venue).put("hazard", "ebike_indoors").put("severity", "major");
        HttpResponse<String> first = hub.post("/api/v1/tickets", workerG01, body);
        HttpResponse<String> again = hub.post("/api/v1/tickets", supervisor, body.copy().put("severity", "critical"));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        JsonObject ticket = new JsonObject(again.body());
        assertThat(ticket.getLong("id")).isEqualTo(new JsonObject(first.body()).getLong("id"));
        assertThat(ticket.getInteger("occurrences")).isEqualTo(2);
        assertThat(ticket.getString("severity")).as("the higher severity wins").isEqualTo("critical");
        assertThat(Instant.parse(ticket.getString("deadline"))).as("and tightens the deadline")
                .isEqualTo(hub.clock.instant().plus(Duration.ofHours(24)));

        // Once it is closed (cancelled here), the same hazard opens a new ticket.
        hub.moved(supervisor, ticket.getLong("id"), to("CANCELLED").put("note", "false alarm"));
        assertThat(hub.post("/api/v1/tickets", workerG01, body).statusCode()).isEqualTo(201);
    }

    @Test
    void residentReportsQueueOneMinorVenueTicketForTriage() {
        long venue = hub.venue("G01");
        FindingOutcome first = TicketHarness.await(hub.tickets.fromResidentReport(venue, "  exit blocked by bikes ", "203.0.113.7"));
        FindingOutcome second = TicketHarness.await(hub.tickets.fromResidentReport(venue, "still blocked", "198.51.100.9"));
        assertThat(first.created()).isTrue();
        assertThat(second).isEqualTo(new FindingOutcome(first.ticketId(), false));
        JsonObject ticket = new JsonObject(hub.get("/api/v1/tickets/" + first.ticketId(), workerG01).body());
        assertThat(ticket.getString("state")).isEqualTo("OPEN");
        assertThat(ticket.getString("severity")).isEqualTo("minor");
        assertThat(ticket.getString("source")).isEqualTo("resident_report");
        assertThat(ticket.getString("hazard")).isEqualTo("resident_report");
        assertThat(ticket.getString("deviceId")).isNull();
        assertThat(ticket.getInteger("occurrences")).isEqualTo(2);
        JsonArray history = new JsonArray(hub.get("/api/v1/tickets/" + first.ticketId() + "/history", supervisor).body());
        assertThat(history.getJsonObject(0).getString("actorRole")).isEqualTo("resident");
        assertThat(history.getJsonObject(0).getString("note")).isEqualTo("exit blocked by bikes");
        assertThat(history.getJsonObject(1).getString("sourceAddress")).isEqualTo("198.51.100.9");

        assertThatThrownBy(() -> TicketHarness.await(hub.tickets.fromResidentReport(venue, "   ", "203.0.113.7")))
                .hasMessageContaining("description");
        assertThatThrownBy(() -> TicketHarness.await(hub.tickets.fromResidentReport(999_999, "fire!", "203.0.113.7")))
                .hasMessageContaining("no venue 999999");
    }

    @Test
    void patrolFindingsAreRefusedWithACode() {
        Person owner = hub.owner(venueG01);
        HttpResponse<String> byOwner = hub.post("/api/v1/tickets", owner,
                new JsonObject().put("venueId", venueG01).put("hazard", "blocked_exit").put("severity", "minor"));
        assertThat(byOwner.statusCode()).isEqualTo(403);
        assertThat(error(byOwner).getString("code")).isEqualTo("forbidden");

        HttpResponse<String> bad = hub.post("/api/v1/tickets", supervisor,
                new JsonObject().put("venueId", "one").put("hazard", "Blocked Exit").put("severity", "deadly"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(error(bad).getString("code")).isEqualTo("invalid");
        assertThat(error(bad).getString("message")).contains("venueId").contains("severity");

        HttpResponse<String> hazard = hub.post("/api/v1/tickets", supervisor,
                new JsonObject().put("venueId", venueG01).put("hazard", "Blocked Exit").put("severity", "minor"));
        assertThat(error(hazard).getString("code")).isEqualTo("invalid");

        String otherVenuesDevice = hub.device(hub.venue("G01"));
        HttpResponse<String> device = hub.post("/api/v1/tickets", supervisor, new JsonObject().put("venueId", venueG01)
                .put("deviceId", otherVenuesDevice).put("hazard", "gas_leak").put("severity", "major"));
        assertThat(device.statusCode()).isEqualTo(400);
        assertThat(error(device).getString("message")).contains("not a device of venue");

        HttpResponse<String> noVenue = hub.post("/api/v1/tickets", supervisor,
                new JsonObject().put("venueId", 999_999).put("hazard", "gas_leak").put("severity", "major"));
        assertThat(noVenue.statusCode()).isEqualTo(404);
        assertThat(error(noVenue).getString("code")).isEqualTo("not_found");
        assertThat(hub.get("/api/v1/tickets", null).statusCode()).isEqualTo(401);
    }

    @Test
    void illegalAndUnauthorisedStepsAreRefusedWithStableCodes() {
        long id = hub.patrol(supervisor, hub.venue("G01"), "blocked_exit", "minor").getLong("id");
        HttpResponse<String> skip = hub.transition(supervisor, id, to("CLOSED"));
        assertThat(skip.statusCode()).isEqualTo(409);
        assertThat(error(skip).getString("code")).isEqualTo("illegal_transition");
        assertThat(error(skip).getString("message")).contains("OPEN").contains("DISPATCHED, CANCELLED");

        HttpResponse<String> noAssignee = hub.transition(supervisor, id, to("DISPATCHED"));
        assertThat(error(noAssignee).getString("code")).isEqualTo("invalid");
        assertThat(hub.transition(supervisor, id, to("NOWHERE")).statusCode()).isEqualTo(400);

        Person otherWorker = hub.person(Role.GRID_WORKER, "G01");
        hub.moved(supervisor, id, to("DISPATCHED").put("assignee", supervisor.id()));
        HttpResponse<String> notAssignee = hub.transition(otherWorker, id, to("RECTIFYING"));
        assertThat(notAssignee.statusCode()).isEqualTo(403);
        assertThat(error(notAssignee).getString("code")).isEqualTo("forbidden");
        hub.moved(supervisor, id, to("RECTIFYING"));
        HttpResponse<String> noNote = hub.transition(supervisor, id, to("SUBMITTED"));
        assertThat(error(noNote).getString("code")).isEqualTo("invalid");
        assertThat(error(noNote).getString("message")).contains("note");
        hub.moved(supervisor, id, to("SUBMITTED").put("note", "done"));

        HttpResponse<String> selfVerify = hub.transition(supervisor, id, to("CLOSED"));
        assertThat(selfVerify.statusCode()).isEqualTo(403);
        assertThat(error(selfVerify).getString("message")).contains("no self-verification");
        HttpResponse<String> rejectNoReason = hub.transition(admin, id, to("RECTIFYING"));
        assertThat(error(rejectNoReason).getString("code")).isEqualTo("invalid");
        JsonObject rejected = hub.moved(admin, id, to("RECTIFYING").put("note", "photo shows boxes still there"));
        assertThat(rejected.getString("verifyBy")).isNull();
        assertThat(hub.list("?state=RECTIFYING&assignee=me", supervisor).stream()
                .map(t -> ((JsonObject) t).getLong("id")).toList()).contains(id);
        assertThat(hub.get("/api/v1/tickets/" + id + "/history", admin).body()).contains("photo shows boxes still there");
    }

    @Test
    void theAssigneeMustBeAbleToWorkTheVenueAndOnlyOfficialsGiveMoreTime() {
        long id = hub.patrol(supervisor, venueG01, "no_extinguisher", "major").getLong("id");
        Person workerG02 = hub.person(Role.GRID_WORKER, "G02");
        HttpResponse<String> wrongGrid = hub.transition(supervisor, id, to("DISPATCHED").put("assignee", workerG02.id()));
        assertThat(wrongGrid.statusCode()).isEqualTo(400);
        assertThat(error(wrongGrid).getString("message")).contains("cannot work tickets of venue");
        HttpResponse<String> noUser = hub.transition(supervisor, id, to("DISPATCHED").put("assignee", 987_654));
        assertThat(error(noUser).getString("message")).contains("no user 987654");

        String late = hub.clock.instant().plus(Duration.ofDays(10)).toString();
        HttpResponse<String> moreTime = hub.transition(workerG01, id,
                to("DISPATCHED").put("assignee", workerG01.id()).put("deadline", late));
        assertThat(moreTime.statusCode()).isEqualTo(403);
        assertThat(hub.transition(workerG01, id, to("DISPATCHED").put("assignee", workerG01.id())
                .put("deadline", hub.clock.instant().minusSeconds(60).toString())).statusCode()).isEqualTo(400);
        JsonObject bySupervisor = hub.moved(supervisor, id, to("DISPATCHED").put("assignee", workerG01.id()).put("deadline", late));
        assertThat(bySupervisor.getString("deadline")).isEqualTo(late);
    }

    @Test
    void overdueTicketsAreListedOnceTheClockPassesTheirDeadline() {
        long venue = hub.venue("G07");
        long id = hub.patrol(supervisor, venue, "gas_cylinder_indoors", "critical").getLong("id");
        assertThat(hub.list("?overdue=true&venueId=" + venue, supervisor)).isEmpty();
        hub.clock.advance(Duration.ofHours(25));
        try {
            JsonArray overdue = hub.list("?overdue=true&venueId=" + venue, supervisor);
            assertThat(overdue).hasSize(1);
            assertThat(overdue.getJsonObject(0).getLong("id")).isEqualTo(id);
            assertThat(overdue.getJsonObject(0).getBoolean("overdue")).isTrue();
        } finally {
            hub.clock.advance(Duration.ofHours(-25));
        }
        assertThat(hub.get("/api/v1/tickets?overdue=maybe", supervisor).statusCode()).isEqualTo(400);
        assertThat(hub.get("/api/v1/tickets?limit=0", supervisor).statusCode()).isEqualTo(400);
    }

    @Test
    void twoInspectorsActingAtOnceOneWinsTheOtherGetsAConflict() throws Exception {
        Person second = hub.person(Role.SUPERVISOR, null);
        for (int round = 0; round < 20; round++) {
            long id = hub.patrol(supervisor, venueG01, "race_" + round, "minor").getLong("id");
            int version = new JsonObject(hub.get("/api/v1/tickets/" + id, supervisor).body()).getInteger("version");
            JsonObject dispatch = to("DISPATCHED").put("assignee", workerG01.id()).put("version", version);
            JsonObject cancel = to("CANCELLED").put("note", "duplicate").put("version", version);
            List<HttpResponse<String>> answers;
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                var a = pool.submit(() -> hub.transition(supervisor, id, dispatch));
                var b = pool.submit(() -> hub.transition(second, id, cancel));
                answers = List.of(a.get(), b.get());
            }
            List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
            assertThat(statuses).as("round %d: %s", round, answers.stream().map(HttpResponse::body).toList())
                    .containsExactly(200, 409);
            HttpResponse<String> loser = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            HttpResponse<String> winner = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
            assertThat(error(loser).getString("code")).isEqualTo("conflict");
            assertThat(error(loser).getString("message")).contains("it is now " + new JsonObject(winner.body()).getString("state"));
            assertThat(new JsonArray(hub.get("/api/v1/tickets/" + id + "/history", supervisor).body())).hasSize(2);
        }
    }

    @Test
    void concurrentTransitionsWithoutAVersionStillMakeExactlyOneStep() throws Exception {
        long id = hub.patrol(supervisor, venueG01, "race_unversioned", "minor").getLong("id");
        List<Person> officials = IntStream.range(0, 6).mapToObj(i -> hub.person(Role.SUPERVISOR, null)).toList();
        List<HttpResponse<String>> answers;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            var futures = officials.stream().map(p -> pool.submit(() -> hub.transition(p, id,
                    to("CANCELLED").put("note", "by " + p.username())))).toList();
            answers = new java.util.ArrayList<>();
            for (var f : futures) answers.add(f.get());
        }
        assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.statusCode() == 409)).hasSize(5)
                .allSatisfy(r -> assertThat(error(r).getString("code")).isIn("conflict", "illegal_transition"));
        assertThat(new JsonArray(hub.get("/api/v1/tickets/" + id + "/history", supervisor).body())).hasSize(2);
    }
}
