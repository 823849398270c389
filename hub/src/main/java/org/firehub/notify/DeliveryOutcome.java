package org.firehub.notify;

import java.time.Duration;
import java.util.Optional;

/** What one attempt to deliver a notification came to, as the receiver (or the network) answered. */
sealed interface DeliveryOutcome {
    /** 2xx: the receiver has it. */
    record Delivered(int status) implements DeliveryOutcome {}

    /** Timeout, connection failure, 5xx, 408 or 429: worth trying again, when the receiver allows. */
    record Retryable(String error, Optional<Duration> retryAfter) implements DeliveryOutcome {}

    /** Any other answer (400, 401, 404, a redirect...): sending the same request again cannot help. */
    record Permanent(String error) implements DeliveryOutcome {}

    static DeliveryOutcome ofStatus(int status, String bodySnippet, Optional<Duration> retryAfter) {
        if (status >= 200 && status < 300) return new Delivered(status);
        String error = "HTTP " + status + (bodySnippet.isBlank() ? "" : ": " + bodySnippet);
        if (status >= 500 || status == 408 || status == 429) return new Retryable(error, retryAfter);
        return new Permanent(error);
    }
}
