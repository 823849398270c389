package org.firehub.spool;

import org.firehub.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.firehub.timeseries.TestMessages;
import org.firehub.timeseries.TimeSeriesWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append side alone: the drainer is not started, so nothing leaves the spool. */
class SpoolGroupCommitTest {
    private static final TimeSeriesWriter NEVER_CALLED = batch -> {
        throw new AssertionError("the drainer is not started in these tests");
    };

    @TempDir
    Path dir;

    @Test
    void concurrentAppendsShareFsyncs() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        int appenders = 16;
        int perAppender = 250;
        try (Spool spool = Spool.open(SpoolConfig.defaults(dir), NEVER_CALLED, registry)) {
            ExecutorService pool = Executors.newFixedThreadPool(appenders);
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            List<java.util.concurrent.Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();
            for (int a = 0; a < appenders; a++) {
                int appender = a;
                submitted.add(pool.submit(() -> {
                    List<CompletableFuture<Void>> mine = new ArrayList<>();
                    for (int i = 0; i < perAppender; i++) mine.add(spool.append(TestMessages.reading("dev-" + appender, i)));
                    return mine;
                }));
            }
            for (var s : submitted) acks.addAll(s.get(30, TimeUnit.SECONDS));
            pool.shutdown();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            double appends = registry.get("firehub.spool.appends").counter().count();
            double fsyncs = registry.get("firehub.spool.fsyncs").counter().count();
            assertThat(appends).isEqualTo(appenders * perAppender);
            assertThat(spool.depth()).isEqualTo(appenders * perAppender);
            assertThat(fsyncs).as("fsyncs for %s appends", appends).isLessThanOrEqualTo(appends / 5);
            assertThat(registry.get("firehub.spool.fsync").timer().count()).isEqualTo((long) fsyncs);
        }
    }

    @Test
    void aLoneAppendIsFsyncedAtOnce() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Spool spool = Spool.open(SpoolConfig.defaults(dir), NEVER_CALLED, registry)) {
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                spool.append(TestMessages.reading("lonely", i)).get(5, TimeUnit.SECONDS);
                // No timer wait: well under a second each, even on a loaded machine.
                assertThat(System.nanoTime() - t0).isLessThan(1_000_000_000L);
                assertThat(registry.get("firehub.spool.fsyncs").counter().count()).isEqualTo(i + 1);
            }
        }
    }

    @Test
    void closeCompletesEveryAcceptedAppend() throws Exception {
        Spool spool = Spool.open(SpoolConfig.defaults(dir), NEVER_CALLED, new SimpleMeterRegistry());
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < 500; i++) acks.add(spool.append(TestMessages.reading("closing", i)));
        spool.close();
        for (CompletableFuture<Void> ack : acks) assertThat(ack).isDone();
        long durable = acks.stream().filter(a -> !a.isCompletedExceptionally()).count();
        assertThat(spool.append(TestMessages.reading("closing", 999))).isCompletedExceptionally();

        try (Spool reopened = Spool.open(SpoolConfig.defaults(dir), NEVER_CALLED, new SimpleMeterRegistry())) {
            assertThat(reopened.depth()).isEqualTo(durable).isEqualTo(500);
        }
    }

    @Test
    void aSecondSpoolOnTheSameDirectoryIsRefused() throws Exception {
        try (Spool first = Spool.open(SpoolConfig.defaults(dir), NEVER_CALLED, new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> Spool.open(SpoolConfig.defaults(dir), NEVER_CALLED, new SimpleMeterRegistry()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(dir.toString());
            assertThat(first.append(TestMessages.reading("still-open", 1))).succeedsWithin(Duration.ofSeconds(5));
        }
    }

    @Test
    void segmentsRollAtTheConfiguredSize() throws Exception {
        SpoolConfig config = SpoolConfig.defaults(dir).withSizes(4096, 1 << 20);
        try (Spool spool = Spool.open(config, NEVER_CALLED, new SimpleMeterRegistry())) {
            for (int i = 0; i < 200; i++) spool.append(TestMessages.reading("roller", i)).get(5, TimeUnit.SECONDS);
        }
        var segments = Segments.list(dir);
        assertThat(segments.size()).isGreaterThan(3);
        for (Path segment : segments.values()) assertThat(java.nio.file.Files.size(segment)).isLessThanOrEqualTo(4096);
        // each segment is named by its first record's sequence number
        assertThat(segments.firstKey()).isZero();
        try (Spool reopened = Spool.open(config, NEVER_CALLED, new SimpleMeterRegistry())) {
            assertThat(reopened.depth()).isEqualTo(200);
        }
    }

    @Test
    void prometheusSeesTheContractNames() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Spool spool = Spool.open(SpoolConfig.defaults(dir), NEVER_CALLED, registry)) {
            spool.append(TestMessages.reading("scraped", 1)).get(5, TimeUnit.SECONDS);
            String scrape = registry.scrape();
            for (String name : List.of("firehub_spool_depth 1.0", "firehub_spool_bytes ", "firehub_spool_lag_seconds ",
                    "firehub_spool_appends_total 1.0", "firehub_spool_fsyncs_total 1.0", "firehub_spool_full_total ",
                    "firehub_spool_dead_lettered_total ", "firehub_spool_truncated_bytes_total ", "firehub_spool_fsync_seconds_count 1",
                    "firehub_influx_written_total ", "firehub_influx_write_seconds_count ",
                    "firehub_influx_write_failures_total{kind=\"retryable\"}", "firehub_influx_write_failures_total{kind=\"refused\"}")) {
                assertThat(scrape).as(name).contains("\n" + name);
            }
        }
    }

    @Test
    void writerIsOnePlatformThreadParkedWhileIdle() throws Exception {
        // one dedicated platform thread, blocked on its queue (not spinning) when there is nothing to write
        try (Spool spool = Spool.open(SpoolConfig.defaults(dir), NEVER_CALLED, new SimpleMeterRegistry())) {
            Await.until("spool-writer thread runs", Duration.ofSeconds(5), () -> Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("spool-writer")));
            Thread writer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("spool-writer")).findFirst().orElseThrow();
            assertThat(writer.isVirtual()).isFalse();
            Await.until("writer parks waiting for appends", Duration.ofSeconds(5), () -> writer.getState() == Thread.State.WAITING
                    || writer.getState() == Thread.State.TIMED_WAITING);
            spool.append(TestMessages.reading("idle", 1)).get(5, TimeUnit.SECONDS);
        }
    }
}
