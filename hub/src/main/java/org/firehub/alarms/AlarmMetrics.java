package org.firehub.alarms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code firehub_alarms_raised_total{hazard,severity}}, {@code firehub_alarms_cleared_total{hazard,severity}},
 * {@code firehub_alarms_repeats_total}, the {@code firehub_alarms_active} gauge and
 * {@code firehub_alarms_active_by_grid{grid,severity}} (the town overview's "alarms by grid").
 */
final class AlarmMetrics {
    private final MeterRegistry meters;
    private final Counter repeats;
    private final AtomicLong active = new AtomicLong();
    private final MultiGauge activeByGrid;

    /** One series of the per-grid gauge. */
    record GridSeverity(String grid, String severity) {}

    AlarmMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.repeats = Counter.builder("firehub.alarms.repeats")
                .description("Raises of an alarm that was already active (counted on the alarm, no new alarm)")
                .register(meters);
        Gauge.builder("firehub.alarms.active", active, AtomicLong::get)
                .description("Alarms active now (counted in PostgreSQL at start and periodically)").register(meters);
        this.activeByGrid = MultiGauge.builder("firehub.alarms.active.by.grid")
                .description("Alarms active now by grid and severity (recounted in PostgreSQL within a second of a change)")
                .register(meters);
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

    void activeCounted(long count, Map<GridSeverity, Long> byGrid) {
        active.set(count);
        // Grids that dropped to zero keep a 0 series rather than vanishing from the dashboard.
        Map<GridSeverity, Long> series = new HashMap<>(lastByGrid);
        series.replaceAll((key, n) -> 0L);
        series.putAll(byGrid);
        lastByGrid = series;
        activeByGrid.register(series.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("grid", e.getKey().grid(), "severity", e.getKey().severity()), e.getValue()))
                .toList(), true);
    }

    private volatile Map<GridSeverity, Long> lastByGrid = Map.of();

    long active() {
        return active.get();
    }
}
