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
        PolicyYaml.onlyKeys(root, TOP, "the top level");
        Map<Severity, Duration> within = new EnumMap<>(defaults.rectifyWithin());
        JsonNode deadlines = root.path("deadlines");
        if (!deadlines.isMissingNode()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = deadlines.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Severity severity = Severity.fromWireName(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                        "deadlines: unknown severity '" + e.getKey() + "' (minor, major, critical)"));
                within.put(severity, PolicyYaml.duration(e.getValue().asText(), "deadlines." + e.getKey()));
            }
        }
        JsonNode verification = root.path("verification");
        int days = defaults.verifyWorkingDays();
        ZoneId zone = defaults.zone();
        Set<LocalDate> holidays = new HashSet<>();
        if (!verification.isMissingNode()) {
            PolicyYaml.onlyKeys(verification, VERIFICATION, "verification");
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

}
