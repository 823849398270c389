package org.firehub.tickets;

/** The ticket a patrol finding opened ({@code created}) or counted an occurrence on. */
public record PatrolOutcome(Ticket ticket, boolean created) {}
