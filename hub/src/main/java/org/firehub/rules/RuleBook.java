package org.firehub.rules;

import java.util.List;
import java.util.Optional;
import org.firehub.device.Device;

/**
 * A loaded, validated rule catalogue: an immutable snapshot. Hot reload swaps whole
 * snapshots, so the engine sees either the old rules or the new ones, never a mixture.
 */
public interface RuleBook {
    /** The effective rules of a device (its kind's rules with venue and device overrides applied). */
    DeviceRules forDevice(Device device);

    /** Venue-level correlation rules. */
    List<CorrelationRule> correlations();

    /** Any rule by id, e.g. to describe an alarm's rule. */
    Optional<Rule> rule(String id);
}
