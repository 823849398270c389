package org.firehub.ingest.carrier;

import java.util.Map;
import java.util.Optional;

/** What one vendor field of a product becomes: a catalogue reading, or events by code. */
public sealed interface FieldRule {

    /** A numeric field → reading {@code name} = value × scale. */
    record Reading(String name, double scale) implements FieldRule {}

    /**
     * A status code field → an event per code. A code mapped to the empty string is known and
     * deliberately produces nothing; a code not listed at all is counted as unmapped.
     */
    record EventCodes(Map<String, String> codes) implements FieldRule {
        public EventCodes {
            codes = Map.copyOf(codes);
        }

        /** Empty: unknown code. Present but empty string: known, no event. */
        public Optional<String> eventFor(String code) {
            return Optional.ofNullable(codes.get(code));
        }
    }
}
