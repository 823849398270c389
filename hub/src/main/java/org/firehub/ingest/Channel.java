package org.firehub.ingest;

/** Which wire endpoint a message came in on: {@code .../telemetry} or {@code .../events}. */
public enum Channel {
    TELEMETRY, EVENTS
}
