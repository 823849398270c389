package org.firehub.rules.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The rule engine's meters. Prometheus names:
 * <ul>
 *   <li>{@code firehub_rules_evaluated_total}: messages evaluated;</li>
 *   <li>{@code firehub_rules_decisions_total{decision="raise"|"clear"}}: alarm decisions made;</li>
 *   <li>{@code firehub_rules_stale_samples_total}: samples older than the last one a rule saw, ignored;</li>
 *   <li>{@code firehub_rules_sink_failures_total}: failed attempts to store a decision (each retried);</li>
 *   <li>{@code firehub_rules_errors_total}: evaluation bugs caught on a shard thread;</li>
 *   <li>{@code firehub_rules_queue_depth}: messages waiting for a shard;</li>
 *   <li>{@code firehub_rules_sink_pending}: decisions not yet stored;</li>
 *   <li>{@code firehub_devices_offline}: devices with an active offline alarm;</li>
 *   <li>{@code firehub_rules_decision_seconds}: from {@code stored()} to the sink's completion.</li>
 * </ul>
 */
final class EngineMetrics {
    private static final Duration[] DECISION_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    final Counter evaluated;
    final Counter raises;
    final Counter clears;
    final Counter stale;
    final Counter sinkFailures;
    final Counter errors;
    final AtomicLong offline = new AtomicLong();
    private final Timer decision;

    EngineMetrics(MeterRegistry registry, Supplier<Number> queueDepth, Supplier<Number> sinkPending) {
        evaluated = Counter.builder("firehub.rules.evaluated").description("Stored messages evaluated against the rules")
                .register(registry);
        raises = Counter.builder("firehub.rules.decisions").tag("decision", "raise").description("Alarm decisions")
                .register(registry);
        clears = Counter.builder("firehub.rules.decisions").tag("decision", "clear").description("Alarm decisions")
                .register(registry);
        stale = Counter.builder("firehub.rules.stale.samples")
                .description("Samples older than the last one a rule saw, ignored").register(registry);
        sinkFailures = Counter.builder("firehub.rules.sink.failures")
                .description("Failed attempts to store an alarm decision; each is retried").register(registry);
        errors = Counter.builder("firehub.rules.errors").description("Evaluation failures caught on a shard thread")
                .register(registry);
        Gauge.builder("firehub.rules.queue.depth", queueDepth).description("Messages waiting for evaluation")
                .register(registry);
        Gauge.builder("firehub.rules.sink.pending", sinkPending).description("Alarm decisions not yet stored")
                .register(registry);
        Gauge.builder("firehub.devices.offline", offline, AtomicLong::get)
                .description("Devices silent past their supervision limit").register(registry);
        decision = Timer.builder("firehub.rules.decision").description("From stored message to the alarm decision stored")
                .serviceLevelObjectives(DECISION_BUCKETS).register(registry);
    }

    void decided(Decision d) {
        (d instanceof Decision.Raise ? raises : clears).increment();
    }

    void stored(Decision d) {
        if (d.startNanos() != Decision.NOT_TIMED) decision.record(Duration.ofNanos(System.nanoTime() - d.startNanos()));
    }
}
