package org.firehub.ingest;

import java.util.concurrent.CompletableFuture;

/**
 * Where accepted messages go before a device is acknowledged. The future completes only
 * once the message is durable (fsync'd); it fails with {@link SinkFullException} when the
 * sink is at capacity (push back, never drop) or with an I/O error.
 */
public interface DurableSink {
    CompletableFuture<Void> append(DeviceMessage message);

    /** The sink refused a message because it is full; retry after {@link #retryAfterMillis}. */
    final class SinkFullException extends RuntimeException {
        private final long retryAfterMillis;

        public SinkFullException(String message, long retryAfterMillis) {
            super(message, null, false, false);
            this.retryAfterMillis = retryAfterMillis;
        }

        public long retryAfterMillis() {
            return retryAfterMillis;
        }
    }
}
