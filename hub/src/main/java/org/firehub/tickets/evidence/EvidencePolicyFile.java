package org.firehub.tickets.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.firehub.tickets.PolicyYaml;

/**
 * Reads the {@code evidence:} section of {@code config/tickets.yaml} (the rest of the file is
 * {@link org.firehub.tickets.TicketPolicyFile}'s). Like that reader, any mistake refuses the
 * start with the key named: a closure rule that silently did not apply would let a hazard
 * close on a promise. No file or no section: {@link EvidencePolicy#defaults()}.
 */
public final class EvidencePolicyFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS = Set.of("photo_required_on_submit", "photo_max_mib", "photo_max_megapixels",
            "photo_workers", "closure");
    private static final Set<String> RULE_KEYS = Set.of("field", "fields", "below", "for", "every");
    private static final Duration DEFAULT_EVERY = Duration.ofMinutes(30);

    private EvidencePolicyFile() {}

    public static EvidencePolicy load(Path file) throws IOException {
        if (!Files.exists(file)) return EvidencePolicy.defaults();
        try {
            return parse(YAML.readTree(file.toFile()));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static EvidencePolicy parse(JsonNode root) {
        EvidencePolicy defaults = EvidencePolicy.defaults();
        JsonNode section = root == null ? null : root.path("evidence");
        if (section == null || section.isMissingNode() || section.isNull()) return defaults;
        PolicyYaml.onlyKeys(section, KEYS, "evidence");
        boolean required = defaults.photoRequiredOnSubmit();
        if (section.has("photo_required_on_submit")) {
            JsonNode n = section.get("photo_required_on_submit");
            if (!n.isBoolean()) throw new IllegalArgumentException("evidence.photo_required_on_submit must be true or false");
            required = n.asBoolean();
        }
        int maxBytes = section.has("photo_max_mib")
                ? wholeNumber(section.get("photo_max_mib"), "evidence.photo_max_mib", 1, 64) * 1024 * 1024
                : defaults.maxPhotoBytes();
        long maxPixels = section.has("photo_max_megapixels")
                ? wholeNumber(section.get("photo_max_megapixels"), "evidence.photo_max_megapixels", 1, 200) * 1_000_000L
                : defaults.maxPhotoPixels();
        int workers = section.has("photo_workers")
                ? wholeNumber(section.get("photo_workers"), "evidence.photo_workers", 1, 16)
                : defaults.photoWorkers();
        Map<String, ClosureRule> closure = new HashMap<>();
        JsonNode rules = section.path("closure");
        if (!rules.isMissingNode() && !rules.isNull()) {
            if (!rules.isObject()) throw new IllegalArgumentException("evidence.closure must be a map of hazard: rule");
            for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                closure.put(e.getKey(), rule(e.getKey(), e.getValue()));
            }
        }
        return new EvidencePolicy(required, maxBytes, maxPixels, workers, closure);
    }

    private static ClosureRule rule(String hazard, JsonNode node) {
        String where = "evidence.closure." + hazard;
        PolicyYaml.onlyKeys(node, RULE_KEYS, where);
        List<String> fields = new ArrayList<>();
        if (node.has("field") == node.has("fields")) throw new IllegalArgumentException(where + ": give field or fields (one of them)");
        if (node.has("field")) fields.add(node.get("field").asText());
        for (JsonNode f : node.path("fields")) fields.add(f.asText());
        JsonNode below = node.path("below");
        if (!below.isNumber()) throw new IllegalArgumentException(where + ".below must be a number");
        if (!node.has("for")) throw new IllegalArgumentException(where + ": needs for (how long readings must stay below)");
        Duration window = PolicyYaml.duration(node.get("for").asText(), where + ".for");
        Duration every = node.has("every") ? PolicyYaml.duration(node.get("every").asText(), where + ".every") : DEFAULT_EVERY;
        try {
            return new ClosureRule(hazard, fields, below.asDouble(), window, every);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("evidence.closure." + e.getMessage(), e);
        }
    }

    private static int wholeNumber(JsonNode n, String key, int min, int max) {
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
            throw new IllegalArgumentException(key + " must be a whole number from " + min + " to " + max);
        }
        return n.asInt();
    }

}
