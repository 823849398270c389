package org.firehub.rules;

import java.util.List;
import java.util.Optional;

/**
 * The rules in force for one device, with its venue's and its own overrides applied and
 * disabled rules left out. What the engine evaluates a device's messages against.
 */
public record DeviceRules(List<ThresholdRule> thresholds, List<RateOfRiseRule> ratesOfRise,
                          List<EventRule> events, Optional<SupervisionRule> supervision) {

    public static final DeviceRules NONE = new DeviceRules(List.of(), List.of(), List.of(), Optional.empty());

    public DeviceRules {
        thresholds = List.copyOf(thresholds);
        ratesOfRise = List.copyOf(ratesOfRise);
        events = List.copyOf(events);
    }
}
