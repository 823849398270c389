package org.firehub.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.firehub.device.Device;
import org.firehub.rules.CorrelationRule;
import org.firehub.rules.DeviceRules;
import org.firehub.rules.EventRule;
import org.firehub.rules.RateOfRiseRule;
import org.firehub.rules.Rule;
import org.firehub.rules.RuleBook;
import org.firehub.rules.SupervisionRule;
import org.firehub.rules.ThresholdRule;

/** A rule book built from rule records in code, per kind, without overrides. */
record TestRuleBook(List<Rule> rules) implements RuleBook {

    static TestRuleBook of(Rule... rules) {
        return new TestRuleBook(List.of(rules));
    }

    @Override
    public DeviceRules forDevice(Device device) {
        List<ThresholdRule> thresholds = new ArrayList<>();
        List<RateOfRiseRule> rates = new ArrayList<>();
        List<EventRule> events = new ArrayList<>();
        Optional<SupervisionRule> supervision = Optional.empty();
        for (Rule rule : rules) {
            switch (rule) {
                case ThresholdRule r when r.kind().equals(device.kind()) -> thresholds.add(r);
                case RateOfRiseRule r when r.kind().equals(device.kind()) -> rates.add(r);
                case EventRule r when r.kind().equals(device.kind()) -> events.add(r);
                case SupervisionRule r when r.kind().equals(device.kind()) -> supervision = Optional.of(r);
                default -> { }
            }
        }
        return new DeviceRules(thresholds, rates, events, supervision);
    }

    @Override
    public List<CorrelationRule> correlations() {
        return rules.stream().filter(CorrelationRule.class::isInstance).map(CorrelationRule.class::cast).toList();
    }

    @Override
    public Optional<Rule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
