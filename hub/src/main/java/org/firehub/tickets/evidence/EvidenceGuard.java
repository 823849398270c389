package org.firehub.tickets.evidence;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import org.firehub.people.Principal;
import org.firehub.tickets.Ticket;
import org.firehub.tickets.TicketState;
import org.firehub.tickets.TransitionGuard;
import org.firehub.tickets.TransitionRequest;
import org.firehub.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence a step needs, checked inside the transition's transaction:
 * <ul>
 * <li>submit (RECTIFYING → SUBMITTED): a photo added since the ticket last entered RECTIFYING
 *     (when {@code evidence.photo_required_on_submit}), so a rejected submission needs a new one;
 * <li>verify (SUBMITTED → CLOSED) of a device ticket whose hazard has a closure rule: the
 *     device's readings normal over the rule's window, asked of InfluxDB now.
 * </ul>
 * Missing evidence: 409 {@code evidence_required} with what is missing. InfluxDB unreachable:
 * 503 {@code unavailable}: the hub never closes blind.
 */
final class EvidenceGuard implements TransitionGuard {
    static final String EVIDENCE_REQUIRED = "evidence_required";
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceGuard.class);

    private final EvidencePolicy policy;
    private final PgEvidenceStore store;
    private final DeviceEvidence devices;
    private final Clock clock;
    private final EvidenceMetrics metrics;

    EvidenceGuard(EvidencePolicy policy, PgEvidenceStore store, DeviceEvidence devices, Clock clock, EvidenceMetrics metrics) {
        this.policy = policy;
        this.store = store;
        this.devices = devices;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public Future<Void> check(SqlClient transaction, Ticket ticket, TransitionRequest request, Principal actor) {
        if (ticket.state() == TicketState.RECTIFYING && request.to() == TicketState.SUBMITTED && policy.photoRequiredOnSubmit()) {
            return photoSinceRectifying(transaction, ticket);
        }
        if (ticket.state() == TicketState.SUBMITTED && request.to() == TicketState.CLOSED && ticket.deviceId().isPresent()) {
            return policy.closureRule(ticket.hazard()).map(rule -> deviceReadingsNormal(ticket, rule))
                    .orElseGet(Future::succeededFuture);
        }
        return Future.succeededFuture();
    }

    private Future<Void> photoSinceRectifying(SqlClient tx, Ticket ticket) {
        return store.photosSinceRectifying(tx, ticket.id()).compose(photos -> {
            if (photos > 0) {
                metrics.checked("photo", "passed");
                return Future.succeededFuture();
            }
            metrics.checked("photo", "refused");
            return Future.failedFuture(new ApiProblem(409, EVIDENCE_REQUIRED, "ticket " + ticket.id()
                    + ": submitting needs a photo of the work added since the ticket was last sent to RECTIFYING"
                    + " (POST /api/v1/tickets/" + ticket.id() + "/evidence)"));
        });
    }

    private Future<Void> deviceReadingsNormal(Ticket ticket, ClosureRule rule) {
        String device = ticket.deviceId().orElseThrow();
        return devices.missing(rule, device, clock.instant()).recover(e -> {
            metrics.checked("device", "unavailable");
            LOG.warn("ticket {}: cannot check device {}'s readings: {}", ticket.id(), device, e.toString());
            return Future.failedFuture(new ApiProblem(503, "unavailable", "ticket " + ticket.id()
                    + ": cannot check device evidence now (InfluxDB unavailable); try again later"));
        }).compose(missing -> {
            if (missing.isEmpty()) {
                metrics.checked("device", "passed");
                return Future.<Void>succeededFuture();
            }
            metrics.checked("device", "refused");
            return Future.failedFuture(new ApiProblem(409, EVIDENCE_REQUIRED, "ticket " + ticket.id() + " ("
                    + ticket.hazard() + ", device " + device + "): " + missing.get()));
        });
    }
}
