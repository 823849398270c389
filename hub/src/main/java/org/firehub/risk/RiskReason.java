package org.firehub.risk;

/**
 * One reason for a level: a stable {@code code} clients switch on, the level it gives, the fact's
 * value and plain words in Chinese and English (with the value filled in).
 */
public record RiskReason(String code, RiskLevel level, double value, String zh, String en) {
    public String text(boolean chinese) {
        return chinese ? zh : en;
    }
}
