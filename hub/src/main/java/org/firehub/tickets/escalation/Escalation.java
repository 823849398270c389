package org.firehub.tickets.escalation;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.firehub.notify.Notification;
import org.firehub.notify.NotificationTypes;
import org.firehub.rules.Severity;
import org.firehub.tickets.TicketState;

/**
 * One ticket escalated, as the escalating UPDATE returned it: the facts its audit entry and its
 * {@code ticket.escalated} notification are made of.
 *
 * @param due the instant that passed: the deadline, or {@code verify_by} for a submitted ticket
 * @param leaderId who it went to; empty when the grid has no leader, or the leader is disabled
 * @param disabledLeaderId the grid's leader when that account is disabled (so it went to nobody)
 */
public record Escalation(long ticketId, long venueId, String venueName, String grid, String hazard, Severity severity,
                         TicketState state, Instant deadline, Optional<Instant> verifyBy, Instant due,
                         EscalationReason reason, Optional<Long> leaderId, Optional<String> leaderUsername,
                         Optional<Long> disabledLeaderId, Instant escalatedAt) {

    public Duration late() {
        return Duration.between(due, escalatedAt);
    }

    public boolean withoutLeader() {
        return leaderId.isEmpty();
    }

    /** The audit entry's facts: reason, leader (or {@code no_leader}), when it was due and how late. */
    JsonObject auditDetails() {
        JsonObject d = new JsonObject().put("reason", reason.wireName()).put("leaderId", leaderId.orElse(null))
                .put("due", due.toString()).put("lateSeconds", late().toSeconds()).put("late", late().toString());
        if (withoutLeader()) d.put("no_leader", true);
        disabledLeaderId.ifPresent(id -> d.put("disabledLeaderId", id));
        return d;
    }

    /** A line for the history view, so a reader need not decode the details. */
    String auditNote() {
        String what = reason == EscalationReason.DEADLINE ? "rectification deadline" : "verification date";
        String to = leaderUsername.map(name -> "the grid leader " + name)
                .orElse("nobody: grid " + grid + " has no " + (disabledLeaderId.isPresent() ? "enabled " : "") + "leader");
        return what + " passed " + humanLate() + " ago; escalated to " + to;
    }

    /**
     * {@code ticket.escalated}: routed by grid and severity like alarms. Names the leader by id
     * and username only: receivers that text people look the number up themselves, so no phone
     * number ever sits in the outbox or in a receiver's logs.
     */
    Notification notification() {
        JsonObject ticket = new JsonObject().put("id", ticketId).put("venueId", venueId).put("venueName", venueName)
                .put("hazard", hazard).put("severity", severity.wireName()).put("state", state.name())
                .put("deadline", deadline.toString()).put("verifyBy", verifyBy.map(Instant::toString).orElse(null))
                .put("reason", reason.wireName()).put("due", due.toString()).put("lateSeconds", late().toSeconds())
                .put("escalatedAt", escalatedAt.toString());
        JsonObject leader = leaderId.map(id -> new JsonObject().put("userId", id).put("username", leaderUsername.orElse(null)))
                .orElse(null);
        return new Notification(NotificationTypes.TICKET_ESCALATED, grid, severity,
                new JsonObject().put("ticket", ticket).put("leader", leader).put("noLeader", withoutLeader()));
    }

    private String humanLate() {
        Duration late = late();
        if (late.toDays() >= 1) return late.toDays() + "d " + late.toHoursPart() + "h";
        if (late.toHours() >= 1) return late.toHours() + "h " + late.toMinutesPart() + "m";
        return Math.max(late.toMinutes(), 0) + "m";
    }
}
