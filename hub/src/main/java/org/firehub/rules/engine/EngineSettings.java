package org.firehub.rules.engine;

import java.time.Duration;

/**
 * Tuning of the rule engine.
 *
 * @param shards evaluation threads; each owns the devices of the venues hashed to it
 * @param tickInterval how often supervision looks for newly silent devices (the offline
 *     alarm comes at most this late)
 * @param presenceFlushInterval how often last-seen times are written to PostgreSQL; a crash
 *     loses at most this much presence, which only makes a device look silent that much earlier
 * @param sinkMinBackoff first retry delay of a failed alarm store call, doubled up to {@code sinkMaxBackoff}
 * @param queueWarnDepth a shard queue deeper than this is logged (at a bounded rate) as overload
 */
public record EngineSettings(int shards, Duration tickInterval, Duration presenceFlushInterval,
                             Duration sinkMinBackoff, Duration sinkMaxBackoff, int queueWarnDepth) {

    public static final EngineSettings DEFAULTS = new EngineSettings(2, Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofMillis(100), Duration.ofSeconds(30), 100_000);

    public EngineSettings {
        if (shards < 1) throw new IllegalArgumentException("rule engine needs at least one shard");
        if (!tickInterval.isPositive() || !presenceFlushInterval.isPositive()) {
            throw new IllegalArgumentException("tick and presence flush intervals must be positive");
        }
        if (!sinkMinBackoff.isPositive() || sinkMaxBackoff.compareTo(sinkMinBackoff) < 0) {
            throw new IllegalArgumentException("sink backoff must be positive, max at least min");
        }
    }

    public EngineSettings withShards(int n) {
        return new EngineSettings(n, tickInterval, presenceFlushInterval, sinkMinBackoff, sinkMaxBackoff, queueWarnDepth);
    }
}
