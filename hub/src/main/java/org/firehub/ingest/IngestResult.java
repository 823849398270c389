package org.firehub.ingest;

/** What the ingest path did with one message that reached it from an authenticated device. */
public sealed interface IngestResult {
    /** Durable in the spool: acknowledge the device. */
    record Stored(DeviceMessage message) implements IngestResult {}

    /** Same {@code seq} already stored (a redelivery): acknowledge, store nothing. */
    record Duplicate(long seq) implements IngestResult {}

    /** Refused for a reason the device can fix; counted. Acknowledge or refuse as the transport allows. */
    record Rejected(RejectReason reason, String detail) implements IngestResult {}
}
