package org.firehub.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code firehub_notifications_total{webhook,outcome}} (delivered, retried, dead),
 * {@code firehub_notifications_pending} (rows waiting in the outbox, all nodes, refreshed each
 * poll), {@code firehub_notification_delivery_seconds{webhook}} (one HTTP attempt) and
 * {@code firehub_notification_enqueue_failures_total} (notifications the outbox could not take).
 */
final class NotificationMetrics {
    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final Counter enqueueFailures;

    NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("firehub.notifications.pending", pending, AtomicLong::get)
                .description("Notifications waiting in the outbox for delivery").register(registry);
        enqueueFailures = Counter.builder("firehub.notification.enqueue.failures")
                .description("Notifications that could not be written to the outbox").register(registry);
    }

    void outcome(String webhook, String outcome) {
        Counter.builder("firehub.notifications").description("Webhook delivery attempts by how they ended")
                .tag("webhook", webhook).tag("outcome", outcome).register(registry).increment();
    }

    void attempt(String webhook, Duration took) {
        Timer.builder("firehub.notification.delivery").description("Duration of one webhook delivery attempt")
                .tag("webhook", webhook).register(registry).record(took);
    }

    void pending(long rows) {
        pending.set(rows);
    }

    void enqueueFailed() {
        enqueueFailures.increment();
    }
}
