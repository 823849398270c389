package org.firehub.ingest.carrier;

import java.util.List;
import java.util.Map;

/** A vendor message after its product mapping: the contract's readings and events, and what did not map. */
public record MappedValues(Map<String, Double> readings, List<String> events, List<String> unmappedFields) {
    public MappedValues {
        readings = Map.copyOf(readings);
        events = List.copyOf(events);
        unmappedFields = List.copyOf(unmappedFields);
    }

    public boolean isEmpty() {
        return readings.isEmpty() && events.isEmpty();
    }
}
