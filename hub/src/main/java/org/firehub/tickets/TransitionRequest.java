package org.firehub.tickets;

import java.time.Instant;
import java.util.Optional;

/**
 * A person's request to move a ticket.
 *
 * @param version the version the person saw; when given and stale, the request is a conflict
 * @param sourceAddress the request's remote address, for the audit
 */
public record TransitionRequest(TicketState to, Optional<String> note, Optional<Long> assigneeId,
                                Optional<Instant> deadline, Optional<Integer> version, Optional<String> sourceAddress) {}
