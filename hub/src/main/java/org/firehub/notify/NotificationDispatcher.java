package org.firehub.notify;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds. Runs as a verticle so every poll, send and outcome happens on one
 * event-loop context: the counters below need no locks, and nothing here blocks (reactive PG
 * client, Vert.x HTTP client). Each node of a cluster runs one; the outbox's lease keeps them
 * from sending one row twice at once.
 */
final class NotificationDispatcher extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final Outbox outbox;
    private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
    private final RetryPolicy retry;
    private final DispatcherSettings settings;
    private final NotificationMetrics metrics;
    private final Clock clock;
    private final RandomGenerator random = new Random();
    private final Duration lease;

    private WebhookSender sender;
    private long timer = -1;
    private long pruneTimer = -1;
    private boolean polling;
    private boolean backlog;
    private boolean stopping;
    private boolean pollFailing;
    private int inFlight;
    private long lastPendingRefresh;
    private Promise<Void> drained;

    NotificationDispatcher(Outbox outbox, NotificationsConfig config, DispatcherSettings settings,
                           NotificationMetrics metrics, Clock clock) {
        this.outbox = outbox;
        config.webhooks().forEach(w -> webhooks.put(w.name(), w));
        this.retry = config.retry();
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        Duration longest = config.webhooks().stream().map(Webhook::timeout).max(Duration::compareTo).orElse(Duration.ZERO);
        this.lease = longest.plus(settings.leaseMargin());
    }

    @Override
    public Future<?> start() {
        sender = new WebhookSender(vertx, clock);
        // Rows of webhooks no longer configured are left pending, not claimed: a rolling
        // upgrade may have a node that still knows them.
        if (webhooks.isEmpty()) return Future.succeededFuture();
        timer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> poll());
        pruneTimer = vertx.setPeriodic(1, DispatcherSettings.PRUNE_EVERY.toMillis(), id -> prune());
        poll();
        return Future.succeededFuture();
    }

    /** Polls now rather than at the next tick; callable from any thread. */
    void nudge() {
        Context ctx = context;
        if (ctx != null && !webhooks.isEmpty()) ctx.runOnContext(v -> poll());
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        if (timer >= 0) vertx.cancelTimer(timer);
        if (pruneTimer >= 0) vertx.cancelTimer(pruneTimer);
        // Wait for a claim under way and the deliveries it started, so their outcomes are
        // recorded; each delivery is bounded by its timeout.
        drained = Promise.promise();
        completeIfDrained();
        return drained.future().eventually(() -> sender.close());
    }

    private void completeIfDrained() {
        if (stopping && !polling && inFlight == 0) drained.tryComplete();
    }

    private void poll() {
        if (stopping || polling) return;
        refreshPendingGauge();
        int room = settings.maxInFlight() - inFlight;
        if (room <= 0) return;
        polling = true;
        outbox.claim(webhooks.keySet(), lease, room).onComplete(claimed -> {
            polling = false;
            if (claimed.failed()) {
                if (stopping) completeIfDrained();
                if (!pollFailing) LOG.warn("notification outbox unreachable, will keep trying: {}", claimed.cause().toString());
                pollFailing = true;
                return;
            }
            if (pollFailing) LOG.info("notification outbox reachable again");
            pollFailing = false;
            List<OutboxRow> rows = claimed.result();
            backlog = rows.size() == room;
            rows.forEach(this::deliver);
            if (stopping) completeIfDrained();
        });
    }

    private void prune() {
        outbox.pruneDelivered(settings.keepDelivered())
                .onSuccess(deleted -> {
                    if (deleted > 0) LOG.info("deleted {} delivered notification(s) older than {}", deleted, settings.keepDelivered());
                })
                .onFailure(e -> LOG.warn("could not prune delivered notifications: {}", e.toString()));
    }

    private void refreshPendingGauge() {
        long now = System.nanoTime();
        if (now - lastPendingRefresh < 1_000_000_000L && lastPendingRefresh != 0) return;
        lastPendingRefresh = now;
        outbox.pendingCount().onSuccess(metrics::pending);
    }

    private void deliver(OutboxRow row) {
        Webhook webhook = webhooks.get(row.webhook());
        inFlight++;
        long started = System.nanoTime();
        sender.send(webhook, row)
                .compose(outcome -> {
                    metrics.attempt(webhook.name(), Duration.ofNanos(System.nanoTime() - started));
                    return record(webhook, row, outcome);
                })
                .onComplete(recorded -> {
                    if (recorded.failed()) {
                        LOG.warn("notification {} to webhook {}: outcome not recorded ({}); it is sent again when its lease ends",
                                row.id(), webhook.name(), recorded.cause().toString());
                    }
                    inFlight--;
                    if (stopping) {
                        completeIfDrained();
                    } else if (backlog) {
                        poll();
                    }
                });
    }

    private Future<Void> record(Webhook webhook, OutboxRow row, DeliveryOutcome outcome) {
        return switch (outcome) {
            case DeliveryOutcome.Delivered d -> outbox.delivered(row).map(held -> {
                if (held) metrics.outcome(webhook.name(), "delivered");
                else LOG.info("notification {} to webhook {} delivered after its lease ran out; the receiver may see it twice",
                        row.id(), webhook.name());
                return null;
            });
            case DeliveryOutcome.Permanent p -> dead(webhook, row, p.error());
            case DeliveryOutcome.Retryable r when row.attempts() >= webhook.maxAttempts() ->
                    dead(webhook, row, r.error() + " (gave up after " + row.attempts() + " attempts)");
            case DeliveryOutcome.Retryable r -> {
                Duration delay = retry.delayAfter(row.attempts(), r.retryAfter(), random);
                yield outbox.retryLater(row, delay, r.error()).map(held -> {
                    if (held) metrics.outcome(webhook.name(), "retried");
                    LOG.debug("notification {} to webhook {}: attempt {} failed ({}), next in {} ms",
                            row.id(), webhook.name(), row.attempts(), r.error(), delay.toMillis());
                    return null;
                });
            }
        };
    }

    private Future<Void> dead(Webhook webhook, OutboxRow row, String error) {
        return outbox.dead(row, error).map(held -> {
            if (held) {
                metrics.outcome(webhook.name(), "dead");
                LOG.warn("notification {} ({}) to webhook {} is dead after {} attempt(s): {}; kept in notification_outbox",
                        row.id(), row.type(), webhook.name(), row.attempts(), error);
            }
            return null;
        });
    }
}
