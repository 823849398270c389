package org.firehub.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.firehub.alarms.AlarmChange;
import org.firehub.alarms.CommitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound notifications: features {@link #enqueue} what happened, the outbox keeps it in
 * PostgreSQL, and the dispatcher delivers it to every webhook that wants it, signed, with retries,
 * until it is delivered or dead. Enqueue works whether or not the dispatcher runs.
 */
public final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final Vertx vertx;
    private final Outbox outbox;
    private final NotificationsConfig config;
    private final NotificationMetrics metrics;
    private final NotificationDispatcher dispatcher;
    private String deployment;

    private Notifications(Vertx vertx, Pool pool, NotificationsConfig config, DispatcherSettings settings,
                          MeterRegistry meters, Clock clock) {
        this.vertx = vertx;
        this.outbox = new Outbox(pool);
        this.config = config;
        this.metrics = new NotificationMetrics(meters);
        this.dispatcher = new NotificationDispatcher(outbox, config, settings, metrics, clock);
    }

    public static Notifications create(Vertx vertx, Pool pool, NotificationsConfig config, MeterRegistry meters) {
        return create(vertx, pool, config, DispatcherSettings.DEFAULT, meters, Clock.systemUTC());
    }

    public static Notifications create(Vertx vertx, Pool pool, NotificationsConfig config, DispatcherSettings settings,
                                       MeterRegistry meters, Clock clock) {
        return new Notifications(vertx, pool, config, settings, meters, clock);
    }

    /**
     * Queues {@code n} for every webhook whose types, grids and minimum severity match. Completes,
     * with how many webhooks it was queued for (0 when none wants it), once committed.
     */
    public Future<Integer> enqueue(Notification n) {
        return enqueue(outbox.pool(), n).onSuccess(queued -> {
            if (queued > 0) dispatcher.nudge();
        });
    }

    /**
     * Queues {@code n} inside the caller's transaction ({@code SqlConnection} with a {@code
     * Transaction} begun), so it is committed together with the fact it reports, or not at all.
     * The dispatcher finds it at its next poll after the commit.
     */
    public Future<Integer> enqueue(SqlClient transaction, Notification n) {
        Set<String> targets = config.webhooks().stream().filter(w -> w.wants(n)).map(Webhook::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return outbox.insert(transaction, targets, n);
    }

    /**
     * For the alarm store's commit hook: a raised or cleared alarm's notification is queued in
     * the same transaction as the change, so it cannot be lost between the two.
     */
    public CommitListener alarmCommitListener() {
        return (transaction, change) -> {
            if (!committedWithAlarm(change.kind())) return Future.succeededFuture();
            Notification n;
            try {
                n = AlarmNotifications.of(change);
            } catch (IllegalArgumentException e) {
                // An alarm the notification cannot describe must still be raised: count and log it.
                metrics.enqueueFailed();
                LOG.error("alarm {} ({}): cannot notify: {}", change.alarm().id(), change.kind().eventName(), e.getMessage());
                return Future.succeededFuture();
            }
            return enqueue(transaction, n)
                    // The row is visible only after the commit; nudge the dispatcher a little later.
                    .onSuccess(queued -> { if (queued > 0) vertx.setTimer(50, id -> dispatcher.nudge()); });
        };
    }

    private static boolean committedWithAlarm(AlarmChange.Kind kind) {
        return kind == AlarmChange.Kind.RAISED || kind == AlarmChange.Kind.CLEARED;
    }

    /**
     * For the alarm store's subscribe(...): acknowledgements and comments, after commit (raises
     * and clears are queued by {@link #alarmCommitListener()}; with {@code all} true, every
     * change is queued here, for a store without the commit hook).
     */
    public Consumer<AlarmChange> alarmListener() {
        return alarmListener(true);
    }

    public Consumer<AlarmChange> alarmListener(boolean all) {
        return change -> {
            if (!all && committedWithAlarm(change.kind())) return;
            Notification n;
            try {
                n = AlarmNotifications.of(change);
            } catch (IllegalArgumentException e) {
                metrics.enqueueFailed();
                LOG.error("alarm {} ({}): cannot notify: {}", change.alarm().id(), change.kind().eventName(), e.getMessage());
                return;
            }
            enqueue(n).onFailure(e -> {
                metrics.enqueueFailed();
                LOG.error("alarm {} ({}): notification lost: {}", change.alarm().id(), n.type(), e.getMessage());
            });
        };
    }

    /** Starts delivering (deploys the dispatcher verticle). */
    public Future<Void> start() {
        return vertx.deployVerticle(dispatcher).map(id -> {
            deployment = id;
            LOG.info("outbound notifications: {} webhook(s) {}", config.webhooks().size(),
                    config.webhooks().stream().map(Webhook::name).toList());
            return null;
        });
    }

    /** Stops polling and waits for the deliveries under way to be recorded. */
    public Future<Void> stop() {
        if (deployment == null) return Future.succeededFuture();
        String id = deployment;
        deployment = null;
        return vertx.undeploy(id);
    }

    /** The newest outbox rows in {@code state} (pending, delivered or dead), for operators. */
    public Future<List<OutboxEntry>> entries(String state, int limit) {
        return outbox.list(state, limit);
    }

    public List<Webhook> webhooks() {
        return config.webhooks();
    }
}
