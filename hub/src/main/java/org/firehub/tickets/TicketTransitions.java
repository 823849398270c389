package org.firehub.tickets;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import org.firehub.people.AccessScope;
import org.firehub.people.AccessScopes;
import org.firehub.people.Principal;
import org.firehub.people.Role;
import org.firehub.tickets.TicketProblem.Code;
import org.firehub.tickets.TicketStateMachine.Requirement;

/**
 * One transition: find the ticket in the person's scope, ask {@link TicketStateMachine}, check
 * the request's fields, then in one transaction run the {@link TransitionGuard}, update the row
 * only if it is still in the state and version that was read ({@code WHERE id AND state AND
 * version}), and append the audit entry. Of two people acting at once exactly one update
 * matches; the other gets {@code conflict} naming the state the ticket is in now.
 */
final class TicketTransitions {
    private static final class Stale extends RuntimeException {
        Stale() {
            super(null, null, false, false);
        }
    }

    private final PgTicketStore store;
    private final AccessScopes scopes;
    private final TicketPolicy policy;

    TicketTransitions(PgTicketStore store, AccessScopes scopes, TicketPolicy policy) {
        this.store = store;
        this.scopes = scopes;
        this.policy = policy;
    }

    Future<Ticket> apply(Principal who, long id, TransitionRequest request, Instant now, TransitionGuard guard) {
        return scopes.of(who).compose(scope -> store.byId(store.pool(), id, scope)).compose(found -> {
            Ticket before = found.orElseThrow(() -> TicketProblem.notFound(id));
            if (request.version().isPresent() && request.version().get() != before.version()) {
                throw conflict(before);
            }
            switch (TicketStateMachine.decide(before.state(), request.to(), who.role(), before.isAssignee(who.userId()))) {
                case TransitionDecision.Illegal illegal -> throw new TicketProblem(Code.ILLEGAL_TRANSITION,
                        "ticket " + id + ": " + illegal.reason());
                case TransitionDecision.Forbidden forbidden -> throw new TicketProblem(Code.FORBIDDEN,
                        "ticket " + id + ": " + forbidden.reason());
                case TransitionDecision.Allowed allowed -> { }
            }
            Optional<String> note = checkedNote(before, request);
            return after(who, before, request, now).compose(after -> store.pool().withTransaction(tx ->
                    guard.check(tx, before, request, who)
                            .compose(ok -> store.update(tx, before, after))
                            .compose(updated -> {
                                if (!updated) return Future.failedFuture(new Stale());
                                return store.audit(tx, id, now, Optional.of(who.userId()), who.role().wireName(),
                                        TicketStateMachine.action(before.state(), request.to()), before.state(),
                                        request.to(), note, request.sourceAddress(), details(before, after));
                            })
                            .compose(done -> store.byId(tx, id, AccessScope.everything()))
                            .map(Optional::orElseThrow)));
        }).recover(e -> e instanceof Stale
                ? store.byId(store.pool(), id, AccessScope.everything())
                        .compose(now2 -> Future.failedFuture(now2.<RuntimeException>map(TicketTransitions::conflict)
                                .orElseGet(() -> TicketProblem.notFound(id))))
                : Future.failedFuture(e));
    }

    private static TicketProblem conflict(Ticket current) {
        return new TicketProblem(Code.CONFLICT, "ticket " + current.id() + " was changed meanwhile: it is now "
                + current.state() + " (version " + current.version() + ")");
    }

    private static Optional<String> checkedNote(Ticket before, TransitionRequest request) {
        Optional<String> note = request.note().map(String::strip).filter(n -> !n.isEmpty());
        if (note.isPresent() && note.get().length() > TicketService.MAX_NOTE_LENGTH) {
            throw TicketProblem.invalid("note must be at most " + TicketService.MAX_NOTE_LENGTH + " characters");
        }
        var needs = TicketStateMachine.requirements(before.state(), request.to());
        if (needs.contains(Requirement.NOTE) && note.isEmpty()) {
            throw TicketProblem.invalid(TicketStateMachine.action(before.state(), request.to())
                    + " needs a note (" + (request.to() == TicketState.SUBMITTED ? "what was done" : "the reason") + ")");
        }
        boolean dispatch = needs.contains(Requirement.ASSIGNEE);
        if (dispatch && request.assigneeId().isEmpty()) throw TicketProblem.invalid("dispatch needs an assignee (user id)");
        if (!dispatch && (request.assigneeId().isPresent() || request.deadline().isPresent())) {
            throw TicketProblem.invalid("assignee and deadline are given only when dispatching (to DISPATCHED)");
        }
        return note;
    }

    /** The ticket as the step leaves it; dispatch checks the assignee and the deadline first. */
    private Future<Ticket> after(Principal who, Ticket t, TransitionRequest request, Instant now) {
        return switch (request.to()) {
            case DISPATCHED -> dispatchable(who, t, request, now).map(deadline -> with(t, TicketState.DISPATCHED,
                    request.assigneeId(), deadline, Optional.empty(), Optional.of(now), t.submittedAt(), Optional.empty()));
            case RECTIFYING -> Future.succeededFuture(with(t, TicketState.RECTIFYING, t.assigneeId(), t.deadline(),
                    Optional.empty(), t.dispatchedAt(), Optional.empty(), Optional.empty()));
            case SUBMITTED -> Future.succeededFuture(with(t, TicketState.SUBMITTED, t.assigneeId(), t.deadline(),
                    Optional.of(policy.verifyBy(now)), t.dispatchedAt(), Optional.of(now), Optional.empty()));
            case CLOSED, CANCELLED -> Future.succeededFuture(with(t, request.to(), t.assigneeId(), t.deadline(),
                    t.verifyBy(), t.dispatchedAt(), t.submittedAt(), Optional.of(now)));
            case OPEN -> throw new IllegalStateException("no step leads back to OPEN");
        };
    }

    /** The deadline a dispatch sets, once the assignee is known to be able to work the venue. */
    private Future<Instant> dispatchable(Principal who, Ticket t, TransitionRequest request, Instant now) {
        long assigneeId = request.assigneeId().orElseThrow();
        Instant policyDeadline = policy.deadline(t.severity(), t.createdAt());
        if (request.deadline().isPresent()) {
            Instant asked = request.deadline().get();
            if (!asked.isAfter(now)) throw TicketProblem.invalid("deadline must be in the future");
            if (asked.isAfter(policyDeadline) && !who.hasAnyRole(Role.ADMIN, Role.SUPERVISOR)) {
                throw new TicketProblem(Code.FORBIDDEN, "only a supervisor or admin may set a deadline later than the policy's "
                        + policyDeadline + " for a " + t.severity().wireName() + " hazard");
            }
        }
        return store.user(assigneeId).compose(row -> {
            if (row.isEmpty()) return Future.failedFuture(TicketProblem.invalid("assignee: no user " + assigneeId));
            Principal assignee = new Principal(row.get().getLong("id"), row.get().getString("username"),
                    Role.fromWireName(row.get().getString("role")).orElseThrow(), row.get().getString("grid"));
            return scopes.of(assignee).compose(scope -> scope.permits(t.venueId(), t.grid())
                    ? Future.succeededFuture(request.deadline().orElse(t.deadline()))
                    : Future.failedFuture(TicketProblem.invalid("assignee: " + assignee.username()
                            + " cannot work tickets of venue " + t.venueId() + " (grid " + t.grid() + ")")));
        });
    }

    private static Ticket with(Ticket t, TicketState state, Optional<Long> assignee, Instant deadline,
                               Optional<Instant> verifyBy, Optional<Instant> dispatchedAt, Optional<Instant> submittedAt,
                               Optional<Instant> closedAt) {
        return new Ticket(t.id(), t.venueId(), t.grid(), t.deviceId(), t.hazard(), t.severity(), state, t.source(),
                t.alarmId(), assignee, t.assigneeName(), deadline, verifyBy, t.occurrences(), t.firstSeenAt(),
                t.lastSeenAt(), t.createdBy(), t.createdAt(), dispatchedAt, submittedAt, closedAt, t.version(),
                t.escalatedAt(), t.escalatedTo());
    }

    private static JsonObject details(Ticket before, Ticket after) {
        JsonObject details = new JsonObject().put("version", before.version() + 1);
        if (!after.assigneeId().equals(before.assigneeId())) after.assigneeId().ifPresent(id -> details.put("assigneeId", id));
        if (!after.deadline().equals(before.deadline()) || after.state() == TicketState.DISPATCHED) {
            details.put("deadline", after.deadline().toString());
        }
        after.verifyBy().filter(v -> after.state() == TicketState.SUBMITTED).ifPresent(v -> details.put("verifyBy", v.toString()));
        return details;
    }
}
