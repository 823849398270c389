package org.firehub.risk;

import java.util.List;

/** A venue's level and the reasons that produced it (most severe first), with the facts behind it. */
public record RiskAssessment(RiskLevel level, List<RiskReason> reasons, VenueFacts facts) {
    public RiskAssessment {
        reasons = List.copyOf(reasons);
    }
}
