package org.firehub.ingest.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one product mapping file:
 * <pre>
 * kind: smoke
 * fields:
 *   Alarm_Status: {events: {1: alarm, 7: alarm_cleared, 3: ""}}   # "" = known code, no event
 *   battery_value: {reading: battery_pct}
 *   temperature: {reading: temperature_c, scale: 0.1}
 * ignore: [IMSI, version]
 * </pre>
 * Reading and event names are checked against the device kind by the ingestor, not here: a
 * mapping naming something the kind lacks shows up as {@code unknown_reading} rejections.
 */
final class ProductMappings {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ProductMappings() {}

    static ProductMapping load(Path file, String name) throws IOException {
        JsonNode root = YAML.readTree(file.toFile());
        if (root == null || !root.isObject()) throw new IOException(file + ": not a mapping");
        String kind = CarrierConfig.text(root, "kind", file);
        Map<String, FieldRule> fields = new LinkedHashMap<>();
        for (var entry : root.path("fields").properties()) {
            fields.put(entry.getKey(), rule(entry.getValue(), file + ": field '" + entry.getKey() + "'"));
        }
        return new ProductMapping(name, kind, fields, CarrierConfig.strings(root.get("ignore")));
    }

    private static FieldRule rule(JsonNode node, String where) throws IOException {
        if (node.hasNonNull("reading")) {
            double scale = node.path("scale").asDouble(1.0);
            if (!Double.isFinite(scale) || scale == 0) throw new IOException(where + ": scale must be a finite non-zero number");
            return new FieldRule.Reading(node.get("reading").asText(), scale);
        }
        if (node.path("events").isObject()) {
            Map<String, String> codes = new LinkedHashMap<>();
            node.get("events").properties().forEach(e -> codes.put(e.getKey().trim(), e.getValue().asText("")));
            return new FieldRule.EventCodes(codes);
        }
        throw new IOException(where + ": needs 'reading: name' or 'events: {code: event}'");
    }
}
