package org.firehub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final IngestMetrics metrics = new IngestMetrics(registry);

    @Test
    void everyTransportAndReasonIsScrapedAsZeroBeforeAnythingHappens() {
        String scrape = registry.scrape();

        for (Transport transport : Transport.values()) {
            String t = "transport=\"" + transport.label() + "\"";
            assertThat(scrape).contains("firehub_ingest_accepted_total{" + t + "} 0.0");
            assertThat(scrape).contains("firehub_ingest_duplicates_total{" + t + "} 0.0");
            assertThat(scrape).contains("firehub_ingest_seq_gaps_total{" + t + "} 0.0");
            assertThat(scrape).contains("firehub_ingest_commit_seconds_count{" + t + "} 0");
            for (RejectReason reason : RejectReason.values()) {
                assertThat(scrape).contains("firehub_ingest_rejected_total{reason=\"" + reason.label() + "\"," + t + "} 0.0");
            }
        }
    }

    @Test
    void countsAppearUnderTheContractNames() {
        metrics.accepted(Transport.MQTT);
        metrics.accepted(Transport.MQTT);
        metrics.rejected(Transport.HTTP, RejectReason.UNAUTHORIZED);
        metrics.rejected(Transport.MQTT, RejectReason.FORBIDDEN);
        metrics.duplicate(Transport.COAP);
        metrics.seqGap(Transport.COAP, 41);
        metrics.seqGap(Transport.COAP, 0);
        metrics.committed(Transport.MQTT, 3_000_000);

        String scrape = registry.scrape();

        assertThat(scrape).contains("firehub_ingest_accepted_total{transport=\"mqtt\"} 2.0");
        assertThat(scrape).contains("firehub_ingest_rejected_total{reason=\"unauthorized\",transport=\"http\"} 1.0");
        assertThat(scrape).contains("firehub_ingest_rejected_total{reason=\"forbidden\",transport=\"mqtt\"} 1.0");
        assertThat(scrape).contains("firehub_ingest_rejected_total{reason=\"unauthorized\",transport=\"mqtt\"} 0.0");
        assertThat(scrape).contains("firehub_ingest_duplicates_total{transport=\"coap\"} 1.0");
        assertThat(scrape).contains("firehub_ingest_seq_gaps_total{transport=\"coap\"} 41.0");
        assertThat(scrape).contains("firehub_ingest_commit_seconds_count{transport=\"mqtt\"} 1");
        assertThat(scrape).contains("firehub_ingest_commit_seconds_sum{transport=\"mqtt\"} 0.003");
        assertThat(scrape).contains("firehub_ingest_commit_seconds_bucket{transport=\"mqtt\",le=\"0.002\"} 0");
        assertThat(scrape).contains("firehub_ingest_commit_seconds_bucket{transport=\"mqtt\",le=\"0.005\"} 1");
        assertThat(scrape).contains("firehub_ingest_commit_seconds_bucket{transport=\"mqtt\",le=\"+Inf\"} 1");
    }
}
