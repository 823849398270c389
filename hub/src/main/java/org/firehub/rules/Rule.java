package org.firehub.rules;

/**
 * One rule of the catalogue ({@code config/rules.yaml}). Every rule names the hazard it raises
 * and how severe it is; the id is unique in the catalogue and is what an alarm records, so
 * "one active alarm per (subject, rule)" has a stable key across reloads.
 */
public sealed interface Rule permits ThresholdRule, RateOfRiseRule, EventRule, SupervisionRule, CorrelationRule {
    String id();

    String hazard();

    Severity severity();
}
