package org.firehub.tickets;

/** What a finding did: opened ticket {@code ticketId}, or counted an occurrence on it. */
public record FindingOutcome(long ticketId, boolean created) {}
