package org.firehub.tickets;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.firehub.people.AccessScope;
import org.firehub.people.AccessScopes;
import org.firehub.people.Principal;
import org.firehub.people.Role;
import org.firehub.rules.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The closed loop's entry points: findings (device rules via {@link TicketsFromAlarms}, patrols,
 * resident reports), scoped reads, and transitions decided by {@link TicketStateMachine} and
 * written optimistically with their audit entry in one transaction. Every read outside the
 * person's {@link AccessScope} is "not found", so ticket ids do not leak across grids.
 */
public final class TicketService implements AutoCloseable {
    public static final int MAX_NOTE_LENGTH = 4000;
    public static final String RESIDENT_HAZARD = "resident_report";
    static final Duration OPEN_RECOUNT_INTERVAL = Duration.ofSeconds(15);
    private static final Pattern HAZARD = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Logger LOG = LoggerFactory.getLogger(TicketService.class);

    private final Vertx vertx;
    private final PgTicketStore store;
    private final AccessScopes scopes;
    private final TicketPolicy policy;
    private final Clock clock;
    private final TransitionGuard guard;
    private final TicketMetrics metrics;
    private final TicketTransitions transitions;
    private long recountTimer = -1;

    private TicketService(Vertx vertx, Pool pool, AccessScopes scopes, TicketPolicy policy, Clock clock,
                          TransitionGuard guard, MeterRegistry meters) {
        this.vertx = vertx;
        this.store = new PgTicketStore(pool);
        this.scopes = scopes;
        this.policy = policy;
        this.clock = clock;
        this.guard = guard;
        this.metrics = new TicketMetrics(meters);
        this.transitions = new TicketTransitions(store, scopes, policy);
    }

    /** A service counting its open tickets now and every {@value #OPEN_RECOUNT_INTERVAL}-ish; close it to stop. */
    public static TicketService create(Vertx vertx, Pool pool, AccessScopes scopes, TicketPolicy policy, Clock clock,
                                       TransitionGuard guard, MeterRegistry meters) {
        TicketService service = new TicketService(vertx, pool, scopes, policy, clock, guard, meters);
        service.recountOpen();
        service.recountTimer = vertx.setPeriodic(OPEN_RECOUNT_INTERVAL.toMillis(), id -> service.recountOpen());
        return service;
    }

    public TicketPolicy policy() {
        return policy;
    }

    /** The alarm store's hook: opens tickets from raised alarms inside the raise's transaction. */
    public TicketsFromAlarms alarmListener() {
        return new TicketsFromAlarms(this);
    }

    /** Records a finding with the caller's client (a transaction, so it commits with the caller's change). */
    public Future<FindingOutcome> record(SqlClient client, Finding finding) {
        Instant now = clock.instant();
        return store.record(client, finding, now, policy.deadline(finding.severity(), now)).onSuccess(outcome -> {
            metrics.found(finding.source(), outcome.created());
        });
    }

    public Future<List<Ticket>> list(Principal who, TicketQuery query) {
        return scopes.of(who).compose(scope -> store.find(query, scope, clock.instant()));
    }

    /** The ticket; fails with {@code not_found} when there is none or it is outside the person's scope. */
    public Future<Ticket> get(Principal who, long id) {
        return scopes.of(who).compose(scope -> store.byId(store.pool(), id, scope))
                .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(TicketProblem.notFound(id))));
    }

    public Future<List<AuditEntry>> history(Principal who, long id) {
        return get(who, id).compose(ticket -> store.history(id));
    }

    /** The ticket as it is after an optimistic transition; see {@link TicketTransitions}. */
    public Future<Ticket> transition(Principal who, long id, TransitionRequest request) {
        Instant now = clock.instant();
        return transitions.apply(who, id, request, now, guard).onSuccess(t -> {
            metrics.transitioned(t.state());
            LOG.info("ticket {} -> {} by {} ({})", id, t.state(), who.username(), who.role().wireName());
        });
    }

    /** A patrol's finding: a new ticket ({@code created}) or an occurrence on the open one. */
    public Future<PatrolOutcome> patrol(Principal who, PatrolFinding finding, Optional<String> sourceAddress) {
        if (!who.hasAnyRole(Role.ADMIN, Role.SUPERVISOR, Role.GRID_WORKER)) {
            return Future.failedFuture(new TicketProblem(TicketProblem.Code.FORBIDDEN,
                    "patrol findings are recorded by a supervisor, admin or grid worker"));
        }
        if (!HAZARD.matcher(finding.hazard()).matches()) {
            return Future.failedFuture(TicketProblem.invalid("hazard must match [a-z][a-z0-9_]{0,63}"));
        }
        Optional<String> note = finding.note().map(String::strip).filter(n -> !n.isEmpty());
        if (note.isPresent() && note.get().length() > MAX_NOTE_LENGTH) {
            return Future.failedFuture(TicketProblem.invalid("note must be at most " + MAX_NOTE_LENGTH + " characters"));
        }
        return scopes.of(who).compose(scope -> store.venueGrid(finding.venueId()).compose(grid -> {
            if (grid.isEmpty() || !scope.permits(finding.venueId(), grid.get())) {
                return Future.failedFuture(new TicketProblem(TicketProblem.Code.NOT_FOUND, "no venue " + finding.venueId()));
            }
            Future<Boolean> deviceOk = finding.deviceId().map(d -> store.deviceInVenue(d, finding.venueId()))
                    .orElse(Future.succeededFuture(true));
            return deviceOk.compose(ok -> {
                if (!ok) {
                    return Future.failedFuture(TicketProblem.invalid("device " + finding.deviceId().orElseThrow()
                            + " is not a device of venue " + finding.venueId()));
                }
                Finding f = new Finding(finding.venueId(), finding.deviceId(), finding.hazard(), finding.severity(),
                        TicketSource.PATROL, Optional.empty(), clock.instant(), Optional.of(who.userId()),
                        who.role().wireName(), note, sourceAddress, new JsonObject());
                return store.pool().withTransaction(tx -> record(tx, f).compose(outcome ->
                        store.byId(tx, outcome.ticketId(), AccessScope.everything())
                                .map(t -> new PatrolOutcome(t.orElseThrow(), outcome.created()))));
            });
        }));
    }

    /**
     * A resident's report from a venue's public page (issue 8): queued for triage as an OPEN,
     * minor, venue-level ticket of hazard {@value #RESIDENT_HAZARD}; repeats while it is open
     * count occurrences, so a crowd reporting one blocked exit makes one ticket.
     */
    public Future<FindingOutcome> fromResidentReport(long venueId, String description, String sourceAddress) {
        String text = description == null ? "" : description.strip();
        if (text.isEmpty() || text.length() > MAX_NOTE_LENGTH) {
            return Future.failedFuture(TicketProblem.invalid("description must be 1 to " + MAX_NOTE_LENGTH + " characters"));
        }
        Finding f = new Finding(venueId, Optional.empty(), RESIDENT_HAZARD, Severity.MINOR, TicketSource.RESIDENT_REPORT,
                Optional.empty(), clock.instant(), Optional.empty(), "resident", Optional.of(text),
                Optional.ofNullable(sourceAddress), new JsonObject());
        return store.venueGrid(venueId).compose(grid -> grid.isEmpty()
                ? Future.failedFuture(new TicketProblem(TicketProblem.Code.NOT_FOUND, "no venue " + venueId))
                : store.pool().withTransaction(tx -> record(tx, f)));
    }

    /** Counts the open tickets per severity in PostgreSQL and sets the gauge. */
    Future<Void> recountOpen() {
        return store.countOpen().onSuccess(metrics::openCounted)
                .onFailure(e -> LOG.warn("counting open tickets failed: {}", e.toString())).mapEmpty();
    }

    @Override
    public void close() {
        if (recountTimer >= 0) vertx.cancelTimer(recountTimer);
    }
}
