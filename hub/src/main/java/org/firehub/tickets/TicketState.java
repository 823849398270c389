package org.firehub.tickets;

import java.util.Arrays;
import java.util.Optional;

/** Where a ticket stands in the closed loop; the name is what the API and the database hold. */
public enum TicketState {
    OPEN, DISPATCHED, RECTIFYING, SUBMITTED, CLOSED, CANCELLED;

    /** Closed and cancelled tickets never change again, and no longer block a new ticket for the hazard. */
    public boolean isFinal() {
        return this == CLOSED || this == CANCELLED;
    }

    public static Optional<TicketState> parse(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }
}
