package org.firehub.notify;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff from {@code firstDelay}, doubling per
 * attempt up to {@code maxDelay}, each delay drawn from its upper half (jitter, so that many
 * notifications failing together against one gateway do not come back in lockstep). A
 * receiver's {@code Retry-After} is honoured when it asks for longer, up to one hour.
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(5));
    /** A receiver may not park a notification for a day by answering Retry-After: 86400. */
    static final Duration RETRY_AFTER_CEILING = Duration.ofHours(1);

    public RetryPolicy {
        if (firstDelay.isNegative() || firstDelay.isZero()) throw new IllegalArgumentException("first delay must be positive");
        if (maxDelay.compareTo(firstDelay) < 0) throw new IllegalArgumentException("max delay " + maxDelay + " < first delay " + firstDelay);
    }

    /** The delay after the {@code attempt}-th failed attempt (1-based). */
    public Duration delayAfter(int attempt, Optional<Duration> retryAfter, RandomGenerator random) {
        long first = firstDelay.toMillis();
        long cap = maxDelay.toMillis();
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long full = first > cap >> doublings ? cap : first << doublings;
        long jittered = full / 2 + random.nextLong(full - full / 2 + 1);
        long asked = retryAfter.map(d -> Math.min(d.toMillis(), RETRY_AFTER_CEILING.toMillis())).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, asked));
    }
}
