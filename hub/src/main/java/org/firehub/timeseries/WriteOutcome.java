package org.firehub.timeseries;

/** What became of one synchronous batch write. */
public sealed interface WriteOutcome {
    /** The store confirmed every point of the batch. */
    record Written(int points) implements WriteOutcome {}

    /** The store could not be reached or was overloaded; the same batch may be retried later. */
    record Retryable(String reason) implements WriteOutcome {}

    /** The store refused the batch's content (e.g. a field type conflict); retrying cannot help. */
    record Refused(String reason) implements WriteOutcome {}
}
