package org.firehub.ingest;

/**
 * A message could not be ingested for a reason that is not the device's: the durable append
 * failed (other than a full sink), or the registry and config disagree. The device should retry.
 */
public final class IngestFailedException extends RuntimeException {
    public IngestFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
