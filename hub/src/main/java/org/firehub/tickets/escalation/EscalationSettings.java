package org.firehub.tickets.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code escalation:} section of {@code config/tickets.yaml}: how often the overdue scan runs
 * and how many tickets one run escalates at most. Read here rather than in the ticket policy, so
 * the job's settings stay with the job; a mistake refuses the start with the key named.
 *
 * @param interval time between two scans (1 s .. 1 h)
 * @param batchSize tickets escalated per run at most (1 .. 10,000); the rest wait for the next run
 */
public record EscalationSettings(Duration interval, int batchSize) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final int DEFAULT_BATCH_SIZE = 500;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DURATION = Pattern.compile("(\\d{1,5})(s|m|h)");
    private static final Set<String> KEYS = Set.of("interval", "batch_size");

    public EscalationSettings {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("escalation.interval must be between 1s and 1h, not " + interval);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("escalation.batch_size must be 1..10000, not " + batchSize);
        }
    }

    public static EscalationSettings defaults() {
        return new EscalationSettings(DEFAULT_INTERVAL, DEFAULT_BATCH_SIZE);
    }

    /** The section of {@code file}; no file or no section: the defaults. */
    public static EscalationSettings load(Path file) throws IOException {
        if (!Files.exists(file)) return defaults();
        try {
            JsonNode root = YAML.readTree(file.toFile());
            return parse(root == null ? null : root.get("escalation"));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** {@code section}: the {@code escalation} map, or null when the file has none. */
    static EscalationSettings parse(JsonNode section) {
        if (section == null || section.isNull() || section.isMissingNode()) return defaults();
        if (!section.isObject()) throw new IllegalArgumentException("escalation must be a map of keys");
        section.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) throw new IllegalArgumentException("escalation: unknown key '" + k + "' (known: " + KEYS + ")");
        });
        Duration interval = section.has("interval") ? duration(section.get("interval").asText()) : DEFAULT_INTERVAL;
        int batch = DEFAULT_BATCH_SIZE;
        if (section.has("batch_size")) {
            JsonNode n = section.get("batch_size");
            if (!n.canConvertToInt() || !n.isIntegralNumber()) {
                throw new IllegalArgumentException("escalation.batch_size must be a whole number");
            }
            batch = n.asInt();
        }
        return new EscalationSettings(interval, batch);
    }

    private static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) throw new IllegalArgumentException("escalation.interval: '" + text + "' is not a duration like 30s, 1m or 1h");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
