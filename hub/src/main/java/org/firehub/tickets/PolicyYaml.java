package org.firehub.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the sections of {@code config/tickets.yaml} share: durations written like {@code 30m},
 * {@code 24h} or {@code 3d}, and maps that refuse unknown keys (a typo must stop the start, not
 * silently fall back to a default). Every refusal names the key.
 */
public final class PolicyYaml {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,4})(m|h|d)");

    private PolicyYaml() {}

    /** A positive duration like {@code 30m}, {@code 24h} or {@code 3d}; {@code key} names it in the refusal. */
    public static Duration duration(String text, String key) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) throw new IllegalArgumentException(key + ": '" + text + "' is not a duration like 30m, 24h or 3d");
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero()) throw new IllegalArgumentException(key + ": must be longer than zero");
        return d;
    }

    /** Refuses a node that is not a map, or a map with a key outside {@code allowed}. */
    public static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) throw new IllegalArgumentException(where + " must be a map of keys");
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) throw new IllegalArgumentException(where + ": unknown key '" + k + "' (known: " + allowed + ")");
        });
    }
}
