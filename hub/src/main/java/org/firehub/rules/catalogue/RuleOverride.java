package org.firehub.rules.catalogue;

import java.time.Duration;
import org.firehub.rules.CorrelationRule;
import org.firehub.rules.EventRule;
import org.firehub.rules.RateOfRiseRule;
import org.firehub.rules.Rule;
import org.firehub.rules.Severity;
import org.firehub.rules.SupervisionRule;
import org.firehub.rules.ThresholdRule;

/**
 * What a venue or a device changes in one rule; null fields keep the rule's value. The hazard
 * is never overridable: it keys alarms and tickets, and must mean the same thing everywhere.
 *
 * <p>A new {@code raiseAt} without a {@code clearAt} moves the clear level with it (the
 * hysteresis band keeps its width); a {@code clearAt} alone is refused by the parser, so any
 * stack of overrides (venue, then device) always yields a valid rule.
 */
public record RuleOverride(String ruleId, Boolean enabled, Severity severity,
                           Double raiseAt, Double clearAt, Duration hold, Duration clearHold,
                           Double rise, Duration window,
                           Duration interval, Integer missed, Duration grace) {

    /** The entry with this override applied. */
    CatalogueEntry applyTo(CatalogueEntry entry) {
        boolean on = enabled != null ? enabled : entry.enabled();
        return entry.with(applyTo(entry.rule()), on);
    }

    Rule applyTo(Rule rule) {
        return switch (rule) {
            case ThresholdRule t -> {
                double raise = or(raiseAt, t.raiseAt());
                double clear = clearAt != null ? clearAt : raiseAt != null ? raiseAt + (t.clearAt() - t.raiseAt()) : t.clearAt();
                yield new ThresholdRule(t.id(), t.kind(), t.reading(), t.direction(), raise, or(hold, t.hold()), clear,
                        or(clearHold, t.clearHold()), t.hazard(), or(severity, t.severity()));
            }
            case RateOfRiseRule r -> new RateOfRiseRule(r.id(), r.kind(), r.reading(), or(rise, r.rise()), or(window, r.window()),
                    or(clearHold, r.clearHold()), r.hazard(), or(severity, r.severity()));
            case EventRule e -> new EventRule(e.id(), e.kind(), e.event(), e.clearedBy(), e.hazard(), or(severity, e.severity()));
            case SupervisionRule s -> new SupervisionRule(s.id(), s.kind(), or(interval, s.interval()), or(missed, s.missed()),
                    or(grace, s.grace()), s.hazard(), or(severity, s.severity()));
            case CorrelationRule c -> throw new IllegalArgumentException(c.id() + ": correlation rules have no overrides");
        };
    }

    private static <T> T or(T override, T value) {
        return override != null ? override : value;
    }
}
