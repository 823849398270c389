package org.firehub.device;

import java.util.Set;

/** One entry of the device-kind catalogue: the reading and event names a kind may send. */
public record DeviceKind(String name, Set<String> readings, Set<String> events) {
    public DeviceKind {
        readings = Set.copyOf(readings);
        events = Set.copyOf(events);
    }
}
