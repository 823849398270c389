package org.firehub.rules;

import java.util.Arrays;
import java.util.Optional;

/**
 * How urgent a hazard is. Ordered from least to most urgent, so {@code compareTo} answers
 * "at least as severe as"; ticket deadlines (issue 7) and notification filters key on it.
 */
public enum Severity {
    MINOR("minor"),
    MAJOR("major"),
    CRITICAL("critical");

    private final String wireName;

    Severity(String wireName) {
        this.wireName = wireName;
    }

    /** The name in YAML, JSON and the database: {@code minor}, {@code major}, {@code critical}. */
    public String wireName() {
        return wireName;
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Severity> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
