package org.firehub.tickets;

import java.util.Optional;
import org.firehub.rules.Severity;

/** What an inspector on patrol found: {@code POST /api/v1/tickets}. */
public record PatrolFinding(long venueId, Optional<String> deviceId, String hazard, Severity severity,
                            Optional<String> note) {}
