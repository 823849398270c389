package org.firehub.spool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The spool's and the InfluxDB drain's meters. Names are contracts; in Prometheus they read
 * {@code firehub_spool_*} and {@code firehub_influx_*} (counters gain {@code _total}, timers
 * and the lag gauge {@code _seconds}).
 */
final class SpoolMetrics {
    final Counter appends;
    final Counter fsyncs;
    final Counter full;
    final Counter deadLettered;
    final Counter truncatedBytes;
    final Timer fsync;
    final Counter influxWritten;
    final Timer influxWrite;
    final Counter influxRetryable;
    final Counter influxRefused;

    SpoolMetrics(MeterRegistry registry) {
        appends = Counter.builder("firehub.spool.appends").description("Records made durable in the spool").register(registry);
        fsyncs = Counter.builder("firehub.spool.fsyncs").description("fsync calls of the spool writer").register(registry);
        full = Counter.builder("firehub.spool.full").description("Appends refused because the spool was full").register(registry);
        deadLettered = Counter.builder("firehub.spool.dead.lettered")
                .description("Records moved to dead-letter.jsonl (refused by InfluxDB or unreadable)").register(registry);
        truncatedBytes = Counter.builder("firehub.spool.truncated.bytes")
                .description("Bytes of torn records cut from the spool tail on recovery").register(registry);
        fsync = Timer.builder("firehub.spool.fsync").description("Duration of one spool fsync").register(registry);
        influxWritten = Counter.builder("firehub.influx.written").description("Points InfluxDB confirmed").register(registry);
        influxWrite = Timer.builder("firehub.influx.write").description("Duration of one synchronous batch write").register(registry);
        influxRetryable = failures(registry, "retryable");
        influxRefused = failures(registry, "refused");
    }

    private static Counter failures(MeterRegistry registry, String kind) {
        return Counter.builder("firehub.influx.write.failures").tag("kind", kind)
                .description("Batch writes InfluxDB did not confirm").register(registry);
    }

    static void gauges(MeterRegistry registry, Spool spool) {
        Gauge.builder("firehub.spool.depth", spool, Spool::depth).description("Records not yet confirmed by InfluxDB").register(registry);
        Gauge.builder("firehub.spool.bytes", spool, Spool::bytes).description("Bytes held by the spool on disk").register(registry);
        Gauge.builder("firehub.spool.lag", spool, s -> s.lagMillis() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest record not yet confirmed by InfluxDB").register(registry);
    }
}
