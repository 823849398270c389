package org.firehub.tickets.escalation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code firehub_tickets_escalated_total{reason}}, {@code firehub_tickets_escalated_without_leader_total},
 * {@code firehub_ticket_escalation_failures_total} and {@code firehub_tickets_overdue{grid}}
 * (recounted from PostgreSQL every run, so other nodes' work shows; a grid that has none left reads 0).
 */
final class EscalationMetrics {
    private final MeterRegistry meters;
    private final Map<EscalationReason, Counter> escalated = new EnumMap<>(EscalationReason.class);
    private final Counter withoutLeader;
    private final Counter failures;
    private final Map<String, AtomicLong> overdue = new ConcurrentHashMap<>();

    EscalationMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (EscalationReason reason : EscalationReason.values()) {
            escalated.put(reason, Counter.builder("firehub.tickets.escalated").tag("reason", reason.wireName())
                    .description("Overdue tickets escalated to their grid's leader (once each)").register(meters));
        }
        withoutLeader = Counter.builder("firehub.tickets.escalated.without.leader")
                .description("Escalations of tickets whose grid has no enabled leader").register(meters);
        failures = Counter.builder("firehub.ticket.escalation.failures")
                .description("Escalations (or scans) that failed and will be tried again").register(meters);
    }

    void escalated(Escalation e) {
        escalated.get(e.reason()).increment();
        if (e.withoutLeader()) withoutLeader.increment();
    }

    void failed() {
        failures.increment();
    }

    void overdueCounted(Map<String, Long> byGrid) {
        byGrid.forEach((grid, n) -> overdue.computeIfAbsent(grid, this::register).set(n));
        overdue.forEach((grid, value) -> { if (!byGrid.containsKey(grid)) value.set(0); });
    }

    private AtomicLong register(String grid) {
        AtomicLong value = new AtomicLong();
        Gauge.builder("firehub.tickets.overdue", value, AtomicLong::get).tag("grid", grid)
                .description("Open tickets past their deadline (submitted ones: past verify_by)").register(meters);
        return value;
    }
}
