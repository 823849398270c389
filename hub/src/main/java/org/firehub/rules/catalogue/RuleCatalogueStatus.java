package org.firehub.rules.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code GET /api/v1/rules} and the log tell an operator: which file version is in force
 * since when, how many rules of each type, and the last refused file with its problems.
 */
public record RuleCatalogueStatus(String file, String version, Instant loadedAt, Map<String, Integer> ruleCounts,
                                  long applied, long refused, Optional<Refusal> lastRefused) {

    /** A refused file: when, its content hash (null when it could not be read), and why. */
    public record Refusal(Instant at, String version, String error, List<CatalogueProblem> problems) {
        public Refusal {
            problems = List.copyOf(problems);
        }
    }

    public RuleCatalogueStatus {
        ruleCounts = Map.copyOf(ruleCounts);
    }
}
