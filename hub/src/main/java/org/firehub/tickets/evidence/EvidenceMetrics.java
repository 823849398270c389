package org.firehub.tickets.evidence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code firehub_ticket_evidence_total{outcome}}: photo uploads, {@code stored}, {@code busy} or
 * the refusal's code; {@code firehub_ticket_evidence_checks_total{kind, outcome}}: guard checks of a
 * submission's photo ({@code kind=photo}) or a closure's device readings ({@code kind=device}),
 * {@code passed}, {@code refused} or {@code unavailable};
 * {@code firehub_ticket_evidence_uploads_in_progress}: uploads holding a slot (receiving, waiting, decoding).
 */
final class EvidenceMetrics {
    private final MeterRegistry meters;

    EvidenceMetrics(MeterRegistry meters) {
        this.meters = meters;
        uploaded("stored", 0);
        uploaded("busy", 0);
        for (PhotoRefused r : PhotoRefused.values()) uploaded(r.code(), 0);
    }

    void stored() {
        uploaded("stored", 1);
    }

    void uploadsInProgress(AtomicInteger inFlight) {
        Gauge.builder("firehub.ticket.evidence.uploads.in.progress", inFlight, AtomicInteger::get)
                .description("photo uploads being received, waiting for a decoder or decoded").register(meters);
    }

    /** Refused because too many photos were waiting for a decoder. */
    void busy() {
        uploaded("busy", 1);
    }

    void refused(PhotoRefused reason) {
        uploaded(reason.code(), 1);
    }

    void checked(String kind, String outcome) {
        Counter.builder("firehub.ticket.evidence.checks").tag("kind", kind).tag("outcome", outcome)
                .description("evidence checks of ticket submissions and closures").register(meters).increment();
    }

    private void uploaded(String outcome, int n) {
        Counter.builder("firehub.ticket.evidence").tag("outcome", outcome)
                .description("ticket photo uploads, stored or refused").register(meters).increment(n);
    }
}
