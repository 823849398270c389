package org.firehub.tickets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.firehub.rules.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code config/tickets.yaml}. Any mistake (unknown key, bad duration, bad date or zone)
 * refuses the start with the file and key named: a town that wrote "critical: 12h" must not
 * silently get 24 h. No file: {@link TicketPolicy#defaults()}; keys left out keep their default.
 */
public final class TicketPolicyFile {
    private static final Logger LOG = LoggerFactory.getLogger(TicketPolicyFile.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DURATION = Pattern.compile("(\\d{1,4})(m|h|d)");
    // "escalation" and "evidence" are read by tickets.escalation.EscalationSettings and
    // tickets.evidence.EvidencePolicyFile, which check their own keys; listed so this reader accepts them.
    private static final Set<String> TOP = Set.of("deadlines", "verification", "escalation", "evidence");
    private static final Set<String> VERIFICATION = Set.of("working_days", "zone", "holidays");

    private TicketPolicyFile() {}

    public static TicketPolicy load(Path file) throws IOException {
        if (!Files.exists(file)) {
            LOG.info("{} not found: default ticket deadlines", file);
            return TicketPolicy.defaults();
        }
        try {
            return parse(YAML.readTree(file.toFile()));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static TicketPolicy parse(JsonNode root) {
        TicketPolicy defaults = TicketPolicy.defaults();
        if (root == null || root.isNull() || root.isMissingNode()) return defaults;
        onlyKeys(root, TOP, "the top level");
        Map<Severity, Duration> within = new EnumMap<>(defaults.rectifyWithin());
        JsonNode deadlines = root.path("deadlines");
        if (!deadlines.isMissingNode()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = deadlines.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Severity severity = Severity.fromWireName(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                        "deadlines: unknown severity '" + e.getKey() + "' (minor, major, critical)"));
                within.put(severity, duration(e.getValue().asText(), "deadlines." + e.getKey()));
            }
        }
        JsonNode verification = root.path("verification");
        int days = defaults.verifyWorkingDays();
        ZoneId zone = defaults.zone();
        Set<LocalDate> holidays = new HashSet<>();
        if (!verification.isMissingNode()) {
            onlyKeys(verification, VERIFICATION, "verification");
            if (verification.has("working_days")) {
                JsonNode n = verification.get("working_days");
                if (!n.canConvertToInt()) throw new IllegalArgumentException("verification.working_days must be a whole number");
                days = n.asInt();
            }
            if (verification.has("zone")) zone = ZoneId.of(verification.get("zone").asText());
            for (JsonNode h : verification.path("holidays")) holidays.add(LocalDate.parse(h.asText()));
        }
        return new TicketPolicy(within, days, zone, holidays);
    }

    static Duration duration(String text, String key) {
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

    private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) throw new IllegalArgumentException(where + " must be a map of keys");
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) throw new IllegalArgumentException(where + ": unknown key '" + k + "' (known: " + allowed + ")");
        });
    }
}
