package org.firehub.tickets;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.firehub.rules.Severity;

/**
 * {@code firehub_tickets_open{severity}} (recounted from PostgreSQL, so other nodes' and
 * hand-made changes show), {@code firehub_ticket_transitions_total{to}},
 * {@code firehub_tickets_opened_total{source}} (not "created": Prometheus reserves that suffix), {@code firehub_ticket_occurrences_total{source}}.
 */
final class TicketMetrics {
    private final MeterRegistry meters;
    private final Map<Severity, AtomicLong> open = new EnumMap<>(Severity.class);

    TicketMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (Severity s : Severity.values()) {
            AtomicLong value = new AtomicLong();
            open.put(s, value);
            Gauge.builder("firehub.tickets.open", value, AtomicLong::get).tag("severity", s.wireName())
                    .description("Tickets not yet closed or cancelled").register(meters);
        }
        for (TicketState to : TicketState.values()) transitioned(to, 0);
    }

    void openCounted(Map<Severity, Long> counts) {
        open.forEach((s, v) -> v.set(counts.getOrDefault(s, 0L)));
    }

    void transitioned(TicketState to) {
        transitioned(to, 1);
    }

    private void transitioned(TicketState to, int n) {
        Counter.builder("firehub.ticket.transitions").tag("to", to.name())
                .description("Ticket state changes made").register(meters).increment(n);
    }

    void found(TicketSource source, boolean created) {
        Counter.builder(created ? "firehub.tickets.opened" : "firehub.ticket.occurrences").tag("source", source.wireName())
                .description(created ? "Tickets opened" : "Repeat findings counted on an open ticket")
                .register(meters).increment();
    }
}
