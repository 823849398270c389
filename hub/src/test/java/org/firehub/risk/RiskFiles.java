package org.firehub.risk;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped config/risk.yaml, whether tests run from the module or the repository root. */
public final class RiskFiles {
    private RiskFiles() {}

    public static RiskRules shipped() {
        Path file = Files.exists(Path.of("../config/risk.yaml")) ? Path.of("../config/risk.yaml") : Path.of("config/risk.yaml");
        try {
            return RiskRulesFile.load(file);
        } catch (Exception e) {
            throw new IllegalStateException("config/risk.yaml does not load: " + e.getMessage(), e);
        }
    }
}
