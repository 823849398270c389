package org.firehub.rules.catalogue;

import java.util.List;
import org.firehub.rules.CorrelationRule;
import org.firehub.rules.EventRule;
import org.firehub.rules.RateOfRiseRule;
import org.firehub.rules.Rule;
import org.firehub.rules.SupervisionRule;
import org.firehub.rules.ThresholdRule;

/** The rule type names used in metrics ({@code firehub_rules_loaded{type}}) and the API. */
final class RuleTypes {
    static final List<String> ALL = List.of("threshold", "rate_of_rise", "event", "supervision", "correlation");

    private RuleTypes() {}

    static String of(Rule rule) {
        return switch (rule) {
            case ThresholdRule t -> "threshold";
            case RateOfRiseRule r -> "rate_of_rise";
            case EventRule e -> "event";
            case SupervisionRule s -> "supervision";
            case CorrelationRule c -> "correlation";
        };
    }
}
