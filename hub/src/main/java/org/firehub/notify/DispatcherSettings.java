package org.firehub.notify;

import java.time.Duration;

/**
 * How the dispatcher polls: every {@code pollInterval} (and at once after a local enqueue), at
 * most {@code maxInFlight} deliveries at a time. {@code leaseMargin} is added to the longest
 * webhook timeout to form the claim's lease.
 */
public record DispatcherSettings(Duration pollInterval, int maxInFlight, Duration leaseMargin) {
    public static final DispatcherSettings DEFAULT = new DispatcherSettings(Duration.ofSeconds(1), 16, Duration.ofSeconds(30));

    public DispatcherSettings {
        if (pollInterval.toMillis() < 1) throw new IllegalArgumentException("poll interval under 1 ms");
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight < 1");
        if (leaseMargin.isNegative()) throw new IllegalArgumentException("negative lease margin");
    }

    public DispatcherSettings withPollInterval(Duration interval) {
        return new DispatcherSettings(interval, maxInFlight, leaseMargin);
    }
}
