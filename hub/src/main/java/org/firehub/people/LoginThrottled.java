package org.firehub.people;

import java.time.Duration;

/**
 * A login refused before its password was even looked at: too many recent failures for the
 * username or from the address. {@code retryAfter} says when trying again can succeed.
 */
public final class LoginThrottled extends RuntimeException {
    public static final String MESSAGE = "too many failed logins; retry later";
    private final Duration retryAfter;

    public LoginThrottled(Duration retryAfter) {
        super(MESSAGE, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for a {@code Retry-After} header, at least 1. */
    public long retryAfterSeconds() {
        long millis = retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
