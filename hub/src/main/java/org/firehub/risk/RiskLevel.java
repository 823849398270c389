package org.firehub.risk;

import java.util.Locale;

/** The four levels of a venue, in increasing order of danger (the highest matching rule wins). */
public enum RiskLevel {
    GREEN("#1a7f37", "安全", "Safe"),
    YELLOW("#b58100", "注意", "Attention"),
    ORANGE("#d4561c", "较高风险", "Elevated risk"),
    RED("#c62828", "高风险", "High risk");

    private final String colour;
    private final String zh;
    private final String en;

    RiskLevel(String colour, String zh, String en) {
        this.colour = colour;
        this.zh = zh;
        this.en = en;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** CSS colour of the level's badge (text on it is white; contrast checked for all four). */
    public String colour() {
        return colour;
    }

    public String label(boolean chinese) {
        return chinese ? zh : en;
    }

    public static RiskLevel parse(String wire) {
        for (RiskLevel level : values()) {
            if (level.wireName().equals(wire)) return level;
        }
        throw new IllegalArgumentException("unknown level '" + wire + "' (green, yellow, orange, red)");
    }
}
