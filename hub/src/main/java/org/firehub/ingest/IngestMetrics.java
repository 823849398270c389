package org.firehub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The ingest counters of the operator contract, shared by the ingest path and every
 * transport so that each refusal is counted in one place, whoever refused it. All series are
 * registered up front (every transport, every reason) so dashboards see zeros rather than
 * gaps. Prometheus names:
 * <ul>
 *   <li>{@code firehub_ingest_accepted_total{transport}}: messages made durable;</li>
 *   <li>{@code firehub_ingest_rejected_total{transport,reason}}: refusals by {@link RejectReason#label()};</li>
 *   <li>{@code firehub_ingest_duplicates_total{transport}}: redeliveries acknowledged, not stored;</li>
 *   <li>{@code firehub_ingest_seq_gaps_total{transport}}: seqs devices skipped;</li>
 *   <li>{@code firehub_ingest_commit_seconds{transport}}: from accept to durable (histogram).</li>
 * </ul>
 */
public final class IngestMetrics {
    private final Map<Transport, PerTransport> byTransport = new EnumMap<>(Transport.class);

    public IngestMetrics(MeterRegistry registry) {
        for (Transport transport : Transport.values()) {
            byTransport.put(transport, new PerTransport(registry, transport));
        }
    }

    public void accepted(Transport transport) {
        byTransport.get(transport).accepted.increment();
    }

    /** Counts one refusal; transports call this for UNAUTHORIZED, FORBIDDEN and BAD_TOPIC. */
    public void rejected(Transport transport, RejectReason reason) {
        byTransport.get(transport).rejected.get(reason).increment();
    }

    public void duplicate(Transport transport) {
        byTransport.get(transport).duplicates.increment();
    }

    public void seqGap(Transport transport, long missing) {
        if (missing > 0) byTransport.get(transport).seqGaps.increment(missing);
    }

    public void committed(Transport transport, long nanos) {
        byTransport.get(transport).commit.record(Duration.ofNanos(nanos));
    }

    /**
     * Histogram buckets for accept → durable: a group-commit fsync takes a few ms on a healthy
     * disk, seconds on a sick one; a dozen fixed buckets keep the scrape small.
     */
    private static final Duration[] COMMIT_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private static final class PerTransport {
        final Counter accepted;
        final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
        final Counter duplicates;
        final Counter seqGaps;
        final Timer commit;

        PerTransport(MeterRegistry registry, Transport transport) {
            String label = transport.label();
            accepted = Counter.builder("firehub.ingest.accepted")
                    .description("Messages made durable in the spool")
                    .tag("transport", label).register(registry);
            for (RejectReason reason : RejectReason.values()) {
                rejected.put(reason, Counter.builder("firehub.ingest.rejected")
                        .description("Messages refused, by reason")
                        .tag("transport", label).tag("reason", reason.label()).register(registry));
            }
            duplicates = Counter.builder("firehub.ingest.duplicates")
                    .description("Redelivered messages (same seq) acknowledged without storing")
                    .tag("transport", label).register(registry);
            seqGaps = Counter.builder("firehub.ingest.seq.gaps")
                    .description("Sequence numbers skipped by devices")
                    .tag("transport", label).register(registry);
            commit = Timer.builder("firehub.ingest.commit")
                    .description("Time from accepting a message to its durable append")
                    .tag("transport", label)
                    .serviceLevelObjectives(COMMIT_BUCKETS)
                    .register(registry);
        }
    }
}
