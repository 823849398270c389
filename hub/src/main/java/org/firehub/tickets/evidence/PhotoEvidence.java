package org.firehub.tickets.evidence;

import java.time.Instant;
import java.util.Optional;

/** A stored photo's metadata, as listed by the API (the bytes are served on their own). */
public record PhotoEvidence(long id, long ticketId, String contentType, String uploadedType, String sha256, int width,
                            int height, int sizeBytes, long uploadedBy, String uploadedByName, Instant uploadedAt,
                            String ticketState, Optional<String> note) {}
