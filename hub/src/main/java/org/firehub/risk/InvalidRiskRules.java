package org.firehub.risk;

import java.util.List;

/** {@code config/risk.yaml} has mistakes; each names its line. The hub refuses to start. */
public final class InvalidRiskRules extends Exception {
    private final List<String> problems;

    public InvalidRiskRules(String file, List<String> problems) {
        super(file + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** Each as "line N: what is wrong". */
    public List<String> problems() {
        return problems;
    }
}
