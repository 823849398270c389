package org.firehub.tickets;

import java.time.Instant;
import java.util.Optional;
import org.firehub.rules.Severity;

/**
 * A hazard ticket as stored, with its venue's grid and its assignee's name for display.
 *
 * @param occurrences how many times the hazard was found while this ticket was open (1 at first)
 * @param version increments with every state change; a transition names the version it saw
 * @param escalatedTo the grid leader an overdue ticket was escalated to (empty: not escalated, or no leader)
 */
public record Ticket(long id, long venueId, String grid, Optional<String> deviceId, String hazard, Severity severity,
                     TicketState state, TicketSource source, Optional<Long> alarmId, Optional<Long> assigneeId,
                     Optional<String> assigneeName, Instant deadline, Optional<Instant> verifyBy, int occurrences,
                     Instant firstSeenAt, Instant lastSeenAt, Optional<Long> createdBy, Instant createdAt,
                     Optional<Instant> dispatchedAt, Optional<Instant> submittedAt, Optional<Instant> closedAt,
                     int version, Optional<Instant> escalatedAt, Optional<Long> escalatedTo) {

    public boolean isAssignee(long userId) {
        return assigneeId.isPresent() && assigneeId.get() == userId;
    }

    /**
     * Past due at {@code now}: a submitted ticket against its verification date (the work is the
     * verifier's now), any other open one against its rectification deadline.
     */
    public boolean overdue(Instant now) {
        if (state.isFinal()) return false;
        Instant due = state == TicketState.SUBMITTED ? verifyBy.orElse(deadline) : deadline;
        return now.isAfter(due);
    }
}
