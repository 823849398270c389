package org.firehub.tickets;

import java.util.Optional;
import java.util.Set;
import org.firehub.rules.Severity;

/**
 * A list request's filters; all optional. {@code states} empty means every state.
 *
 * @param assigneeId the assignee's user id ({@code assignee=me} is resolved before)
 * @param overdue only tickets past their deadline (or, when submitted, their verification date)
 */
public record TicketQuery(Set<TicketState> states, Optional<Long> venueId, Optional<String> grid,
                          Optional<Long> assigneeId, Optional<String> hazard, Optional<Severity> severity,
                          boolean overdue, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public TicketQuery {
        states = Set.copyOf(states);
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
    }

    public static TicketQuery all() {
        return new TicketQuery(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, DEFAULT_LIMIT);
    }
}
