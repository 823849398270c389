package org.firehub.people;

import java.time.Instant;

/** One of a person's own sessions as {@code GET /api/v1/sessions} lists it; never its token. */
public record SessionSummary(String id, SessionKind kind, Instant createdAt, Instant expiresAt, String sourceAddress, boolean current) {}
