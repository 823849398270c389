package org.firehub.risk;

import java.util.Locale;

/**
 * "When {@code fact} is at least {@code atLeast}, the venue is at least {@code level}, because
 * {@code zh}/{@code en}". The texts may hold {@code {n}}: the fact's value (whole number, or
 * percent rounded for shares).
 */
public record RiskRule(String code, RiskFact fact, double atLeast, RiskLevel level, String zh, String en) {

    public boolean matches(VenueFacts facts) {
        return facts.value(fact) >= atLeast;
    }

    public RiskReason reason(VenueFacts facts) {
        double value = facts.value(fact);
        String n = String.format(Locale.ROOT, "%d", Math.round(value));
        return new RiskReason(code, level, value, zh.replace("{n}", n), en.replace("{n}", n));
    }
}
