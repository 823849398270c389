package org.firehub.ingest;

/**
 * Why the hub refused a message. The label is the {@code reason} of
 * {@code firehub_ingest_rejected_total{transport,reason}}: a stable, documented contract.
 */
public enum RejectReason {
    /** No or wrong credentials. */
    UNAUTHORIZED("unauthorized"),
    /** A device wrote to another device's topic or path. */
    FORBIDDEN("forbidden"),
    /** Topic or path that is not part of the wire contract. */
    BAD_TOPIC("bad_topic"),
    /** Body larger than 4 KiB. */
    TOO_LARGE("too_large"),
    /** Not valid JSON or CBOR, or not an object. */
    MALFORMED("malformed"),
    /** A field of the wrong type (e.g. a string reading, a negative seq). */
    WRONG_TYPE("wrong_type"),
    /** A reading that is NaN or infinite. */
    NOT_FINITE("not_finite"),
    /** A reading name not in the device kind's catalogue. */
    UNKNOWN_READING("unknown_reading"),
    /** An event name not in the device kind's catalogue. */
    UNKNOWN_EVENT("unknown_event"),
    /** A top-level field the contract does not define. */
    UNKNOWN_FIELD("unknown_field"),
    /** {@code ts} more than 24 h ahead of the hub's clock. */
    TS_IN_FUTURE("ts_in_future"),
    /** {@code ts} more than 30 days old. */
    TS_TOO_OLD("ts_too_old"),
    /** Neither readings nor events. */
    EMPTY("empty"),
    /** The spool is full; the device should retry. */
    SPOOL_FULL("spool_full");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
