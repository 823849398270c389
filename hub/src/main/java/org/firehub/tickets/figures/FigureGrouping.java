package org.firehub.tickets.figures;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a figures row groups by; each names the SQL expression of its group key (never user input). */
public enum FigureGrouping {
    GRID("grid", "v.grid"),
    VENUE("venue", "v.id"),
    HAZARD("hazard", "t.hazard"),
    SEVERITY("severity", "t.severity");

    private final String wireName;
    private final String sql;

    FigureGrouping(String wireName, String sql) {
        this.wireName = wireName;
        this.sql = sql;
    }

    public String wireName() {
        return wireName;
    }

    String sql() {
        return sql;
    }

    public static Optional<FigureGrouping> fromWireName(String name) {
        return Arrays.stream(values()).filter(g -> g.wireName.equals(name)).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(FigureGrouping::wireName).collect(Collectors.joining(", "));
    }
}
