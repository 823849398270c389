package org.firehub.alarms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Fan-out of committed {@link AlarmChange}s to subscribers (the live feed, outbound
 * notifications, later tickets and venue risk).
 *
 * <p>{@link #publish} never blocks and never runs subscriber code: each subscriber has its own
 * bounded queue drained on its own Vert.x context, in publication order. A slow or failing
 * subscriber therefore delays only itself; when its queue is full further changes for it are
 * dropped, counted ({@code firehub_alarm_changes_dropped_total{subscriber}}) and logged, so that
 * it cannot exhaust the heap. Subscribers that must not lose a change (webhooks) should hand it
 * to their own durable outbox quickly, and can reconcile from {@link AlarmSink#active()}.
 */
public final class AlarmChanges {
    /** Room for a burst of a few seconds of a town-wide storm before a stuck subscriber sheds. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    private final Vertx vertx;
    private final MeterRegistry meters;
    private final int queueCapacity;
    private final CopyOnWriteArrayList<ChangeSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();

    private AlarmChanges(Vertx vertx, MeterRegistry meters, int queueCapacity) {
        this.vertx = vertx;
        this.meters = meters;
        this.queueCapacity = queueCapacity;
    }

    public static AlarmChanges create(Vertx vertx, MeterRegistry meters) {
        return create(vertx, meters, DEFAULT_QUEUE_CAPACITY);
    }

    public static AlarmChanges create(Vertx vertx, MeterRegistry meters, int queueCapacity) {
        if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity must be positive: " + queueCapacity);
        return new AlarmChanges(vertx, meters, queueCapacity);
    }

    /**
     * Delivers every change published from now on to {@code consumer}, on the calling Vert.x
     * context (a verticle's, say), or on a fresh event-loop context when called from a plain thread.
     *
     * @param name names the subscriber in logs and metrics, e.g. {@code "webhooks"}
     */
    public Subscription subscribe(String name, Consumer<AlarmChange> consumer) {
        return subscribe(name, vertx.getOrCreateContext(), consumer);
    }

    /** As {@link #subscribe(String, Consumer)}, delivering on the given context (a worker context for blocking consumers). */
    public Subscription subscribe(String name, Context context, Consumer<AlarmChange> consumer) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(consumer, "consumer");
        Counter dropped = Counter.builder("firehub.alarm.changes.dropped").tag("subscriber", name)
                .description("Alarm changes not delivered to a subscriber whose queue was full").register(meters);
        Counter failed = Counter.builder("firehub.alarm.changes.subscriber.failures").tag("subscriber", name)
                .description("Alarm changes whose subscriber threw").register(meters);
        ChangeSubscription subscription = new ChangeSubscription(name, context, consumer, queueCapacity, dropped, failed,
                subscriptions::remove);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Called by the store once a change is committed; returns at once. */
    public void publish(AlarmChange change) {
        Objects.requireNonNull(change, "change");
        published.incrementAndGet();
        for (ChangeSubscription subscription : subscriptions) {
            subscription.offer(change);
        }
    }

    /** How many changes were published since start (for tests and diagnostics). */
    public long publishedCount() {
        return published.get();
    }

    /** A handle on one subscriber; {@link #cancel} stops delivery (changes already queued are discarded). */
    public interface Subscription extends AutoCloseable {
        void cancel();

        @Override
        default void close() {
            cancel();
        }
    }
}
