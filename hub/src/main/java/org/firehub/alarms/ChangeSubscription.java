package org.firehub.alarms;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Context;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber of {@link AlarmChanges}: a bounded queue filled by publishers on any thread and
 * drained, in order, by at most one task at a time on the subscriber's context.
 */
final class ChangeSubscription implements AlarmChanges.Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeSubscription.class);
    /** Changes handed over per context task, so that a long backlog does not hog the event loop. */
    private static final int BATCH = 256;

    private final String name;
    private final Context context;
    private final Consumer<AlarmChange> consumer;
    private final int capacity;
    private final Counter dropped;
    private final Counter failed;
    private final Consumer<ChangeSubscription> onCancel;
    private final ConcurrentLinkedQueue<AlarmChange> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean loggedOverflow = new AtomicBoolean();
    private volatile boolean cancelled;

    ChangeSubscription(String name, Context context, Consumer<AlarmChange> consumer, int capacity, Counter dropped,
                       Counter failed, Consumer<ChangeSubscription> onCancel) {
        this.name = name;
        this.context = context;
        this.consumer = consumer;
        this.capacity = capacity;
        this.dropped = dropped;
        this.failed = failed;
        this.onCancel = onCancel;
    }

    void offer(AlarmChange change) {
        if (cancelled) return;
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            dropped.increment();
            // One line per overflow episode: a stuck subscriber must not flood the log either.
            if (loggedOverflow.compareAndSet(false, true)) {
                LOG.warn("alarm change subscriber '{}' is {} changes behind; dropping {} {} for it",
                        name, capacity, change.kind(), change.alarm().id());
            }
            return;
        }
        queue.add(change);
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) context.runOnContext(v -> drain());
    }

    private void drain() {
        for (int i = 0; i < BATCH && !cancelled; i++) {
            AlarmChange change = queue.poll();
            if (change == null) break;
            size.decrementAndGet();
            deliver(change);
        }
        if (size.get() < capacity / 2) loggedOverflow.set(false);
        draining.set(false);
        if (!queue.isEmpty() && !cancelled) scheduleDrain();
    }

    private void deliver(AlarmChange change) {
        try {
            consumer.accept(change);
        } catch (RuntimeException e) {
            failed.increment();
            LOG.error("alarm change subscriber '{}' failed on {} of alarm {}", name, change.kind(), change.alarm().id(), e);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        queue.clear();
        onCancel.accept(this);
    }
}
