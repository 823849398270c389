package org.firehub.notify;

import java.time.Duration;

/**
 * How the dispatcher works: it polls every {@code pollInterval} (and at once after a local
 * enqueue), with at most {@code maxInFlight} deliveries at a time. {@code leaseMargin} is added
 * to the longest webhook timeout to form a claim's lease. Delivered rows are deleted once older
 * than {@code keepDelivered} (checked at start and hourly); dead rows are kept for an operator.
 */
public record DispatcherSettings(Duration pollInterval, int maxInFlight, Duration leaseMargin, Duration keepDelivered) {
    public static final DispatcherSettings DEFAULT =
            new DispatcherSettings(Duration.ofSeconds(1), 16, Duration.ofSeconds(30), Duration.ofDays(30));
    static final Duration PRUNE_EVERY = Duration.ofHours(1);

    public DispatcherSettings {
        if (pollInterval.toMillis() < 1) throw new IllegalArgumentException("poll interval under 1 ms");
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight < 1");
        if (leaseMargin.isNegative()) throw new IllegalArgumentException("negative lease margin");
        if (keepDelivered.isNegative()) throw new IllegalArgumentException("negative keepDelivered");
    }

    public DispatcherSettings withPollInterval(Duration interval) {
        return new DispatcherSettings(interval, maxInFlight, leaseMargin, keepDelivered);
    }
}
