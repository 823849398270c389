package org.firehub.alarms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code firehub_alarms_raised_total{hazard,severity}}, {@code firehub_alarms_cleared_total{hazard,severity}},
 * {@code firehub_alarms_repeats_total} and the {@code firehub_alarms_active} gauge.
 */
final class AlarmMetrics {
    private final MeterRegistry meters;
    private final Counter repeats;
    private final AtomicLong active = new AtomicLong();

    AlarmMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.repeats = Counter.builder("firehub.alarms.repeats")
                .description("Raises of an alarm that was already active (counted on the alarm, no new alarm)")
                .register(meters);
        Gauge.builder("firehub.alarms.active", active, AtomicLong::get)
                .description("Alarms active now (counted in PostgreSQL at start and periodically)").register(meters);
    }

    void raised(Alarm alarm) {
        Counter.builder("firehub.alarms.raised").tag("hazard", alarm.hazard()).tag("severity", alarm.severity().wireName())
                .description("Alarms raised").register(meters).increment();
        active.incrementAndGet();
    }

    void cleared(Alarm alarm) {
        Counter.builder("firehub.alarms.cleared").tag("hazard", alarm.hazard()).tag("severity", alarm.severity().wireName())
                .description("Alarms cleared").register(meters).increment();
        active.decrementAndGet();
    }

    void repeated() {
        repeats.increment();
    }

    void activeCounted(long count) {
        active.set(count);
    }

    long active() {
        return active.get();
    }
}
