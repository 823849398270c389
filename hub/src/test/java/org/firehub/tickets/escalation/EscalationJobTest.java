package org.firehub.tickets.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.firehub.notify.Notifications;
import org.firehub.notify.NotificationsConfig;
import org.firehub.notify.RetryPolicy;
import org.firehub.notify.Webhook;
import org.firehub.people.Principal;
import org.firehub.people.Role;
import org.firehub.rules.Severity;
import org.firehub.testing.Await;
import org.firehub.tickets.Ticket;
import org.firehub.tickets.TicketState;
import org.firehub.tickets.TransitionRequest;
import org.firehub.tickets.escalation.TicketsDb.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Overdue tickets escalate once, to the grid's leader, with audit and notification, on a hand-moved clock. */
class EscalationJobTest {
    private static final Duration MAJOR = Duration.ofDays(3);
    private static TicketsDb db;
    private static Notifications notifications;
    private static EscalationJob job;
    private static Person leaderG01;
    private static Person workerG01;
    private static Person admin;
    private static long venueG01;

    @BeforeAll
    static void start() {
        db = new TicketsDb("escalation");
        // Routed to one webhook for every grid; never started, so queued rows stay pending to be counted.
        Webhook duty = new Webhook("duty", URI.create("http://127.0.0.1:9/duty"), Set.of("ticket.escalated"), Optional.empty(),
                Severity.MINOR, Duration.ofSeconds(1), 3, "0123456789abcdef0123456789abcdef");
        notifications = Notifications.create(db.vertx, db.pool, new NotificationsConfig(RetryPolicy.DEFAULT, List.of(duty)), db.meters);
        job = EscalationJob.create(db.vertx, db.pool, notifications, EscalationSettings.defaults(), db.clock, db.meters);
        leaderG01 = db.person(Role.GRID_WORKER, "G01");
        workerG01 = db.person(Role.GRID_WORKER, "G01");
        admin = db.person(Role.ADMIN, null);
        venueG01 = db.venue("G01", "Noodle House");
        db.leader("G01", leaderG01);
        db.execute("UPDATE users SET phone = '+86 138 0000 0000' WHERE id = ?", leaderG01.id());
    }

    @AfterAll
    static void stop() {
        job.close();
        db.close();
    }

    @BeforeEach
    void nothingOverdueFromEarlierTests() {
        db.cancelAllOpen();
    }

    private static EscalationRun run() {
        return TicketsDb.await(job.runOnce());
    }

    private static long audits(long ticketId) {
        return db.queryLong("SELECT count(*) FROM ticket_audit WHERE ticket_id = ? AND action = 'escalated'", ticketId);
    }

    private static long outbox(long ticketId) {
        return db.queryLong("SELECT count(*) FROM notification_outbox WHERE type = 'ticket.escalated'"
                + " AND (payload -> 'ticket' ->> 'id')::bigint = ?", ticketId);
    }

    private static JsonObject auditDetails(long ticketId) {
        return new JsonObject(db.queryString("SELECT details::text FROM ticket_audit WHERE ticket_id = ? AND action = 'escalated'", ticketId));
    }

    @Test
    void anOverdueTicketEscalatesOnceToTheGridLeaderNotBeforeItsDeadline() {
        long id = db.ticket(venueG01, "blocked_exit", Severity.MAJOR);
        db.clock.advance(MAJOR.minusMinutes(1));
        assertThat(run().escalated()).isZero();
        db.clock.advance(Duration.ofMinutes(1));
        assertThat(run().escalated()).as("exactly at the deadline it is not yet late").isZero();
        assertThat(db.queryString("SELECT escalated_at FROM tickets WHERE id = ?", id)).isNull();

        db.clock.advance(Duration.ofMinutes(90));
        EscalationRun first = run();
        assertThat(first.escalated()).isEqualTo(1);
        assertThat(first.withoutLeader()).isZero();
        assertThat(db.queryLong("SELECT escalated_to FROM tickets WHERE id = ?", id)).isEqualTo(leaderG01.id());
        assertThat(db.queryString("SELECT escalated_at = ? FROM tickets WHERE id = ?",
                java.sql.Timestamp.from(db.clock.instant()), id)).isEqualTo("t");

        JsonObject details = auditDetails(id);
        assertThat(details.getString("reason")).isEqualTo("deadline");
        assertThat(details.getLong("leaderId")).isEqualTo(leaderG01.id());
        assertThat(details.getLong("lateSeconds")).isEqualTo(90 * 60);
        assertThat(details.containsKey("no_leader")).isFalse();
        assertThat(db.queryString("SELECT actor_role || ' ' || from_state || ' ' || to_state || ' ' || (actor_user_id IS NULL)"
                + " FROM ticket_audit WHERE ticket_id = ? AND action = 'escalated'", id)).isEqualTo("system OPEN OPEN true");
        assertThat(db.queryString("SELECT note FROM ticket_audit WHERE ticket_id = ? AND action = 'escalated'", id))
                .contains("1h 30m").contains(leaderG01.username());

        String payload = db.queryString("SELECT payload::text FROM notification_outbox WHERE type = 'ticket.escalated'"
                + " AND (payload -> 'ticket' ->> 'id')::bigint = ?", id);
        JsonObject body = new JsonObject(payload);
        assertThat(body.getString("grid")).isEqualTo("G01");
        assertThat(body.getString("severity")).isEqualTo("major");
        assertThat(body.getJsonObject("ticket").getString("hazard")).isEqualTo("blocked_exit");
        assertThat(body.getJsonObject("ticket").getString("venueName")).isEqualTo("Noodle House");
        assertThat(body.getJsonObject("ticket").getString("state")).isEqualTo("OPEN");
        assertThat(body.getJsonObject("leader").getLong("userId")).isEqualTo(leaderG01.id());
        assertThat(payload).doesNotContain("138").doesNotContain("phone");

        db.clock.advance(Duration.ofDays(2));
        assertThat(run().escalated()).as("a second run finds nothing new").isZero();
        assertThat(audits(id)).isEqualTo(1);
        assertThat(outbox(id)).isEqualTo(1);
        assertThat(db.meters.get("firehub.tickets.escalated").tag("reason", "deadline").counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void twoNodesRunningAtOnceEscalateEachTicketExactlyOnce() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) ids.add(db.ticket(venueG01, "hazard_pair_" + i, Severity.CRITICAL));
        db.clock.advance(Duration.ofDays(2));
        EscalationJob otherNode = EscalationJob.create(db.vertx, db.pool, notifications, EscalationSettings.defaults(), db.clock,
                new SimpleMeterRegistry());
        List<EscalationRun> runs = TicketsDb.await(Future.all(job.runOnce(), otherNode.runOnce(), job.runOnce()))
                .list();
        assertThat(runs.stream().mapToInt(EscalationRun::escalated).sum()).isEqualTo(ids.size());
        assertThat(runs.stream().mapToInt(EscalationRun::failed).sum()).isZero();
        for (long id : ids) {
            assertThat(audits(id)).as("audit rows of ticket %d", id).isEqualTo(1);
            assertThat(outbox(id)).as("outbox rows of ticket %d", id).isEqualTo(1);
        }
    }

    @Test
    void aSubmittedTicketEscalatesWhenItsVerificationIsOverdueNotWhenOnlyTheDeadlinePassed() {
        long late = db.ticket(venueG01, "verify_late", Severity.CRITICAL);
        long waiting = db.ticket(venueG01, "verify_waiting", Severity.CRITICAL);
        // Submitted on Monday 2026-03-02: verify by the end of Thursday (UTC policy); the 24 h deadline passes Tuesday.
        db.force(late, "SUBMITTED", workerG01, db.clock.instant());
        db.clock.advance(Duration.ofDays(2));
        db.force(waiting, "SUBMITTED", workerG01, db.clock.instant());
        assertThat(run().escalated()).as("past the deadline, but verification is not due yet").isZero();

        db.clock.set(Instant.parse("2026-03-06T00:00:01Z"));
        assertThat(run().escalated()).isEqualTo(1);
        assertThat(auditDetails(late).getString("reason")).isEqualTo("verification");
        assertThat(auditDetails(late).getString("due")).isEqualTo("2026-03-06T00:00:00Z");
        assertThat(audits(waiting)).isZero();
        assertThat(db.meters.get("firehub.tickets.escalated").tag("reason", "verification").counter().count()).isEqualTo(1);
    }

    @Test
    void closedAndCancelledTicketsNeverEscalate() {
        long closed = db.ticket(venueG01, "closed_one", Severity.CRITICAL);
        long cancelled = db.ticket(venueG01, "cancelled_one", Severity.CRITICAL);
        db.force(closed, "CLOSED", workerG01, db.clock.instant());
        db.force(cancelled, "CANCELLED", null, db.clock.instant());
        db.clock.advance(Duration.ofDays(30));
        assertThat(run().escalated()).isZero();
        assertThat(audits(closed) + audits(cancelled)).isZero();
    }

    @Test
    void escalationChangesNeitherStateNorVersionSoTheAssigneesClickStillWorks() {
        long id = db.ticket(venueG01, "frayed_cable", Severity.CRITICAL);
        Principal adminP = new Principal(admin.id(), admin.username(), Role.ADMIN, null);
        Principal worker = new Principal(workerG01.id(), workerG01.username(), Role.GRID_WORKER, "G01");
        Ticket dispatched = TicketsDb.await(db.tickets.transition(adminP, id, new TransitionRequest(TicketState.DISPATCHED,
                Optional.empty(), Optional.of(workerG01.id()), Optional.empty(), Optional.empty(), Optional.empty())));
        db.clock.advance(Duration.ofHours(25));
        assertThat(run().escalated()).isEqualTo(1);

        Ticket after = TicketsDb.await(db.tickets.get(adminP, id));
        assertThat(after.state()).isEqualTo(TicketState.DISPATCHED);
        assertThat(after.version()).isEqualTo(dispatched.version());
        assertThat(after.escalatedAt()).contains(db.clock.instant());
        assertThat(after.escalatedTo()).contains(leaderG01.id());
        Ticket accepted = TicketsDb.await(db.tickets.transition(worker, id, new TransitionRequest(TicketState.RECTIFYING,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(dispatched.version()), Optional.empty())));
        assertThat(accepted.state()).isEqualTo(TicketState.RECTIFYING);
        assertThat(auditDetails(id).getString("reason")).isEqualTo("deadline");
    }

    @Test
    void aGridWithoutALeaderStillEscalatesOnceToNobodyAndSaysSo() {
        long venueG09 = db.venue("G09");
        Person disabledLeader = db.person(Role.GRID_WORKER, "G10");
        long venueG10 = db.venue("G10");
        db.leader("G10", disabledLeader);
        db.execute("UPDATE users SET disabled = true WHERE id = ?", disabledLeader.id());
        double before = db.meters.get("firehub.tickets.escalated.without.leader").counter().count();
        long leaderless = db.ticket(venueG09, "no_leader_here", Severity.MINOR);
        long disabled = db.ticket(venueG10, "leader_disabled", Severity.MINOR);
        db.clock.advance(Duration.ofDays(8));

        EscalationRun r = run();
        assertThat(r.escalated()).isEqualTo(2);
        assertThat(r.withoutLeader()).isEqualTo(2);
        assertThat(db.queryString("SELECT escalated_to FROM tickets WHERE id = ?", leaderless)).isNull();
        assertThat(db.queryString("SELECT escalated_to FROM tickets WHERE id = ?", disabled)).isNull();
        assertThat(auditDetails(leaderless).getBoolean("no_leader")).isTrue();
        assertThat(auditDetails(disabled).getLong("disabledLeaderId")).isEqualTo(disabledLeader.id());
        assertThat(outbox(leaderless)).as("supervisors are told").isEqualTo(1);
        assertThat(new JsonObject(db.queryString("SELECT payload::text FROM notification_outbox WHERE"
                + " (payload -> 'ticket' ->> 'id')::bigint = ?", leaderless)).getBoolean("noLeader")).isTrue();
        assertThat(db.meters.get("firehub.tickets.escalated.without.leader").counter().count()).isEqualTo(before + 2);
        assertThat(run().escalated()).isZero();
    }

    @Test
    void aRunEscalatesAtMostABatchTheLongestOverdueFirstAndTheOverdueGaugeCountsPerGrid() {
        // Its own registry, as on another node: gauges belong to the job that registered them.
        var meters = new SimpleMeterRegistry();
        EscalationJob small = EscalationJob.create(db.vertx, db.pool, notifications,
                new EscalationSettings(Duration.ofMinutes(1), 2), db.clock, meters);
        long oldest = db.ticket(venueG01, "batch_a", Severity.MAJOR);
        db.clock.advance(Duration.ofHours(1));
        long middle = db.ticket(venueG01, "batch_b", Severity.MAJOR);
        db.clock.advance(Duration.ofHours(1));
        long newest = db.ticket(venueG01, "batch_c", Severity.MAJOR);
        db.clock.advance(Duration.ofDays(4));

        EscalationRun first = TicketsDb.await(small.runOnce());
        assertThat(first.escalated()).isEqualTo(2);
        assertThat(first.batchFull()).isTrue();
        assertThat(audits(oldest) + audits(middle)).isEqualTo(2);
        assertThat(audits(newest)).isZero();
        assertThat(meters.get("firehub.tickets.overdue").tag("grid", "G01").gauge().value()).isEqualTo(3);
        assertThat(TicketsDb.await(small.runOnce()).escalated()).isEqualTo(1);
        assertThat(audits(newest)).isEqualTo(1);

        db.cancelAllOpen();
        TicketsDb.await(small.runOnce());
        assertThat(meters.get("firehub.tickets.overdue").tag("grid", "G01").gauge().value()).isZero();
    }

    @Test
    void aTicketWhoseEscalationFailsRollsBackWholeIsCountedAndIsTriedAgainWhileTheOthersGoAhead() {
        // The outbox refuses one ticket's notification: its UPDATE and audit entry must roll back with it.
        db.execute("CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.payload -> 'ticket' ->> 'hazard' = 'poison' THEN RAISE EXCEPTION 'outbox refuses poison'; END IF;"
                + " RETURN NEW; END $$");
        db.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON notification_outbox FOR EACH ROW EXECUTE FUNCTION refuse_poison()");
        long poison = db.ticket(venueG01, "poison", Severity.CRITICAL);
        long fine = db.ticket(venueG01, "fine_one", Severity.CRITICAL);
        db.clock.advance(Duration.ofDays(2));
        double failuresBefore = db.meters.get("firehub.ticket.escalation.failures").counter().count();
        try {
            EscalationRun r = run();
            assertThat(r.failed()).isEqualTo(1);
            assertThat(r.escalated()).isEqualTo(1);
            assertThat(audits(fine)).isEqualTo(1);
            assertThat(audits(poison)).isZero();
            assertThat(db.queryString("SELECT escalated_at FROM tickets WHERE id = ?", poison)).isNull();
            assertThat(db.meters.get("firehub.ticket.escalation.failures").counter().count()).isEqualTo(failuresBefore + 1);
        } finally {
            db.execute("DROP TRIGGER refuse_poison ON notification_outbox");
        }
        EscalationRun retry = run();
        assertThat(retry.escalated()).isEqualTo(1);
        assertThat(audits(poison)).isEqualTo(1);
        assertThat(outbox(poison)).isEqualTo(1);
    }

    @Test
    void theTimerScansOnItsOwnAndDrainsABacklogWithoutWaitingForTheNextTick() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) ids.add(db.ticket(venueG01, "timer_found_" + i, Severity.CRITICAL));
        db.clock.advance(Duration.ofDays(2));
        // Batches of one, an hour apart: only the immediate re-run after a full batch gets all three in time.
        try (EscalationJob timed = EscalationJob.start(db.vertx, db.pool, notifications,
                new EscalationSettings(Duration.ofHours(1), 1), db.clock, new SimpleMeterRegistry())) {
            Await.until("the timer escalates the overdue backlog", Duration.ofSeconds(20),
                    () -> ids.stream().allMatch(id -> audits(id) == 1));
        }
    }
}
