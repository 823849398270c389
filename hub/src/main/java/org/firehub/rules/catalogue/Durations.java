package org.firehub.rules.catalogue;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Durations as an operator writes them in {@code rules.yaml}: {@code 500ms}, {@code 10s},
 * {@code 5m}, {@code 24h}, {@code 2d}, combined as {@code 1h30m}, or ISO-8601 ({@code PT10S}).
 * A bare number is refused: "10" could mean seconds or minutes, and a fire rule must not guess.
 */
public final class Durations {
    private Durations() {}

    /** The duration, or empty when {@code text} is not one of the accepted forms. */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String s = text.strip();
        if (s.startsWith("P") || s.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(s));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return parseCompact(s);
    }

    private static Optional<Duration> parseCompact(String s) {
        Duration total = Duration.ZERO;
        int i = 0;
        int lastRank = Integer.MAX_VALUE;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            if (i == start || i - start > 9) return Optional.empty();
            long amount = Long.parseLong(s.substring(start, i));
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) i++;
            String unit = s.substring(unitStart, i);
            int rank = rank(unit);
            // Units must come largest first and only once: "30m1h" is more likely a typo than intent.
            if (rank < 0 || rank >= lastRank) return Optional.empty();
            lastRank = rank;
            total = total.plus(switch (unit) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
        }
        return Optional.of(total);
    }

    private static int rank(String unit) {
        return switch (unit) {
            case "d" -> 4;
            case "h" -> 3;
            case "m" -> 2;
            case "s" -> 1;
            case "ms" -> 0;
            default -> -1;
        };
    }

    /** The compact form: {@code 1h30m}, {@code 25h}, {@code 0s}; the inverse of {@link #parse}. */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        StringBuilder out = new StringBuilder();
        // Hours, not days: "25h" reads better than "1d1h" next to a 24 h heartbeat.
        if (d.toHours() > 0) out.append(d.toHours()).append('h');
        if (d.toMinutesPart() > 0) out.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0) out.append(d.toSecondsPart()).append('s');
        if (d.toMillisPart() > 0) out.append(d.toMillisPart()).append("ms");
        return out.toString();
    }
}
