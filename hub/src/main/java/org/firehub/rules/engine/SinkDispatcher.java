package org.firehub.rules.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.firehub.alarms.AlarmChange;
import org.firehub.alarms.AlarmSink;
import org.firehub.alarms.AlarmSubject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands decisions to the {@link AlarmSink}, in order per (subject, rule), and retries a failed
 * call with exponential backoff for as long as the hub runs, so PostgreSQL being down delays a
 * decision but never loses it. Different keys proceed independently, so one stuck alarm does
 * not hold up the others.
 *
 * <p>All bookkeeping runs on one Vert.x context (no locks); shard threads only post to it.
 * Memory: one queue entry per decision not yet stored. Decisions are rare next to messages
 * (holds and hysteresis make each one a change of state), so even a long outage holds few.
 */
final class SinkDispatcher {
    private static final Logger log = LoggerFactory.getLogger(SinkDispatcher.class);

    private record Key(AlarmSubject subject, String ruleId) {}

    private final Vertx vertx;
    private final Context context;
    private final AlarmSink sink;
    private final EngineMetrics metrics;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Map<Key, ArrayDeque<Decision>> queues = new HashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean closed;

    SinkDispatcher(Vertx vertx, AlarmSink sink, EngineMetrics metrics, Duration minBackoff, Duration maxBackoff) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.sink = sink;
        this.metrics = metrics;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Called from any thread. */
    void submit(Decision decision) {
        pending.incrementAndGet();
        context.runOnContext(v -> enqueue(decision));
    }

    long pending() {
        return pending.get();
    }

    void close() {
        closed = true;
        long left = pending.get();
        if (left > 0) log.warn("rule engine closed with {} alarm decisions not stored", left);
    }

    private void enqueue(Decision decision) {
        Key key = new Key(decision.subject(), decision.ruleId());
        ArrayDeque<Decision> queue = queues.computeIfAbsent(key, k -> new ArrayDeque<>(2));
        queue.addLast(decision);
        if (queue.size() == 1) send(key, queue, 0);
    }

    private void send(Key key, ArrayDeque<Decision> queue, int attempt) {
        if (closed) return;
        Decision decision = queue.peekFirst();
        call(decision).onComplete(done -> onContext(() -> {
            if (done.succeeded()) {
                queue.pollFirst();
                pending.decrementAndGet();
                metrics.stored(decision);
                if (queue.isEmpty()) queues.remove(key);
                else send(key, queue, 0);
            } else {
                metrics.sinkFailures.increment();
                long delay = backoffMillis(attempt);
                // One line per decision at first, then every 10th attempt: an outage must not flood the log.
                if (attempt == 0 || attempt % 10 == 0) {
                    log.warn("storing {} for {} rule {} failed (attempt {}), retrying in {} ms: {}",
                            decision instanceof Decision.Raise ? "raise" : "clear", key.subject(), key.ruleId(),
                            attempt + 1, delay, String.valueOf(done.cause()));
                }
                vertx.setTimer(delay, t -> onContext(() -> send(key, queue, attempt + 1)));
            }
        }));
    }

    /** A sink that completes on our context (or at once) saves a hop through the event loop's queue. */
    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) action.run();
        else context.runOnContext(v -> action.run());
    }

    private Future<Optional<AlarmChange>> call(Decision decision) {
        try {
            Future<Optional<AlarmChange>> result = switch (decision) {
                case Decision.Raise r -> sink.raise(r.raise());
                case Decision.Clear c -> sink.clear(c.clear());
            };
            return result == null ? Future.failedFuture("alarm sink returned no future") : result;
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private long backoffMillis(int attempt) {
        long delay = minBackoff.toMillis() << Math.min(attempt, 20);
        return Math.max(1, Math.min(delay, maxBackoff.toMillis()));
    }
}
