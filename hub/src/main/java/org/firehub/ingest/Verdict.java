package org.firehub.ingest;

/**
 * The outcome of one step of the ingest path (decode, validate): either the value the next
 * step needs, or the rejection the device gets. Refusals are values, not exceptions, because
 * a bad body is an ordinary event on a public port.
 */
public sealed interface Verdict<T> {
    record Ok<T>(T value) implements Verdict<T> {}

    record Refused<T>(IngestResult.Rejected rejection) implements Verdict<T> {}

    static <T> Verdict<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Verdict<T> refused(RejectReason reason, String detail) {
        return new Refused<>(new IngestResult.Rejected(reason, detail));
    }
}
