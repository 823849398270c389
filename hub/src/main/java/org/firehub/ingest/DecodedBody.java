package org.firehub.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A body that is well-formed by the wire contract, before it is checked against the device's
 * kind and the clock.
 *
 * @param ts the device's timestamp in epoch ms, if it sent one
 * @param seq the device's sequence counter (0..2^63-1), if it sent one
 * @param readings reading name to finite value, in the order sent
 * @param events event names, in the order sent
 */
public record DecodedBody(OptionalLong ts, OptionalLong seq, Map<String, Double> readings, List<String> events) {
    public DecodedBody {
        readings = Collections.unmodifiableMap(new LinkedHashMap<>(readings));
        events = List.copyOf(events);
    }
}
