package org.firehub.alarms.web;

import java.time.Duration;

/**
 * How the live feed behaves.
 *
 * @param replayCapacity how many recent changes are kept for reconnecting clients ({@code Last-Event-ID})
 * @param heartbeat interval of the comment line that keeps proxies from closing an idle stream
 * @param maxQueuedBytes bytes a client may have waiting unsent before it is disconnected as too slow
 */
public record FeedSettings(int replayCapacity, Duration heartbeat, int maxQueuedBytes) {

    public FeedSettings {
        if (replayCapacity < 1) throw new IllegalArgumentException("replayCapacity must be positive: " + replayCapacity);
        if (heartbeat.isNegative() || heartbeat.isZero()) throw new IllegalArgumentException("heartbeat must be positive");
        if (maxQueuedBytes < 1024) throw new IllegalArgumentException("maxQueuedBytes must be at least 1 KiB");
    }

    public static FeedSettings defaults() {
        return new FeedSettings(1000, Duration.ofSeconds(15), 512 * 1024);
    }

    public FeedSettings withHeartbeat(Duration every) {
        return new FeedSettings(replayCapacity, every, maxQueuedBytes);
    }

    public FeedSettings withMaxQueuedBytes(int bytes) {
        return new FeedSettings(replayCapacity, heartbeat, bytes);
    }

    public FeedSettings withReplayCapacity(int changes) {
        return new FeedSettings(changes, heartbeat, maxQueuedBytes);
    }
}
