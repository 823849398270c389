package org.firehub.rules.catalogue;

import java.util.Objects;
import org.firehub.rules.Rule;

/**
 * A rule as the catalogue holds it: the rule, whether it is on by default (a rule may ship
 * disabled for an override to switch on, e.g. an overcurrent level that depends on the circuit),
 * and the operator's note.
 */
public record CatalogueEntry(Rule rule, boolean enabled, String note) {
    public CatalogueEntry {
        Objects.requireNonNull(rule, "rule");
        note = note == null ? "" : note;
    }

    CatalogueEntry with(Rule changed, boolean enabledNow) {
        return new CatalogueEntry(changed, enabledNow, note);
    }
}
