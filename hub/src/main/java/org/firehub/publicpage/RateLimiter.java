package org.firehub.publicpage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * At most {@code limit} events per key in any sliding {@code window}, in memory on this node (a
 * restart or a second node gives a fresh allowance: acceptable for slowing down a vandal, and
 * documented in docs/risk.md). Bounded: above {@link #MAX_KEYS} keys, stale ones are dropped.
 */
final class RateLimiter {
    static final int MAX_KEYS = 100_000;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> events = new HashMap<>();

    RateLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Takes one event for the key, or answers how long until one is free (nothing taken). */
    synchronized Optional<Duration> tryAcquire(String key) {
        Instant now = clock.instant();
        Instant since = now.minus(window);
        if (events.size() > MAX_KEYS) events.values().removeIf(q -> q.isEmpty() || !q.peekLast().isAfter(since));
        Deque<Instant> queue = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!queue.isEmpty() && !queue.peekFirst().isAfter(since)) queue.pollFirst();
        if (queue.size() >= limit) {
            Duration wait = Duration.between(now, queue.peekFirst().plus(window));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        }
        queue.addLast(now);
        return Optional.empty();
    }

    /** Gives back an event taken for a report that then failed for another reason. */
    synchronized void release(String key) {
        Deque<Instant> queue = events.get(key);
        if (queue != null) queue.pollLast();
    }
}
