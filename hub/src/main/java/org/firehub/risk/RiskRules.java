package org.firehub.risk;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of {@code config/risk.yaml} and the pure function from a venue's facts to its level:
 * every rule whose threshold is met gives a reason; the level is the highest of them, green when
 * none matches. A fact gives one reason, at the most severe level it reaches. Reasons are ordered most severe first, then in file order (stable for tests and
 * for the page).
 *
 * @param recentAlarms how far back "recent alarms" look
 * @param offlineAfter a device silent for longer counts as offline (besides an active offline alarm)
 * @param cacheFor how long a computed level is served before it is computed again
 * @param faultHazards alarm / ticket hazards that make a device count as faulty
 * @param offlineHazards alarm hazards that make a device count as offline
 */
public record RiskRules(List<RiskRule> rules, Duration recentAlarms, Duration offlineAfter, Duration cacheFor,
                        Set<String> faultHazards, Set<String> offlineHazards) {

    public RiskRules {
        rules = List.copyOf(rules);
        faultHazards = Set.copyOf(faultHazards);
        offlineHazards = Set.copyOf(offlineHazards);
    }

    public RiskAssessment assess(VenueFacts facts) {
        // One reason per fact: "60% offline" once, at the most severe level it reaches.
        Set<RiskFact> said = EnumSet.noneOf(RiskFact.class);
        List<RiskReason> reasons = rules.stream().filter(r -> r.matches(facts))
                .sorted(Comparator.comparing(RiskRule::level).reversed())
                .filter(r -> said.add(r.fact())).map(r -> r.reason(facts)).toList();
        RiskLevel level = reasons.isEmpty() ? RiskLevel.GREEN : reasons.getFirst().level();
        return new RiskAssessment(level, reasons, facts);
    }
}
