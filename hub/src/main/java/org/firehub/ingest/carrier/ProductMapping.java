package org.firehub.ingest.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one product's vendor fields (CTWing service properties, OneNET data streams) into the
 * readings and events of a firehub device kind. Loaded from {@code config/carriers/<name>.yaml}.
 * Fields listed under {@code ignore} are known to carry nothing for firehub (IMSI, firmware
 * version…) and are skipped silently; any other unknown field or code is reported as unmapped.
 */
public record ProductMapping(String name, String kind, Map<String, FieldRule> fields, Set<String> ignored) {
    public ProductMapping {
        fields = Map.copyOf(fields);
        ignored = Set.copyOf(ignored);
    }

    public MappedValues map(Map<String, JsonNode> vendorFields) {
        Map<String, Double> readings = new LinkedHashMap<>();
        List<String> events = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        vendorFields.forEach((field, value) -> {
            if (ignored.contains(field)) return;
            FieldRule rule = fields.get(field);
            switch (rule) {
                case null -> unmapped.add(field);
                case FieldRule.Reading reading -> {
                    Double number = numberOf(value);
                    if (number == null) unmapped.add(field);
                    else readings.put(reading.name(), number * reading.scale());
                }
                case FieldRule.EventCodes codes -> {
                    String code = codeOf(value);
                    Optional<String> event = code == null ? Optional.empty() : codes.eventFor(code);
                    if (event.isEmpty()) unmapped.add(field);
                    else if (!event.get().isEmpty() && !events.contains(event.get())) events.add(event.get());
                }
            }
        });
        return new MappedValues(readings, events, unmapped);
    }

    /** Platforms send numbers as JSON numbers or as decimal strings ("87"). */
    private static Double numberOf(JsonNode value) {
        if (value == null) return null;
        if (value.isNumber()) return finite(value.doubleValue());
        if (value.isTextual()) {
            try {
                return finite(Double.parseDouble(value.textValue().trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }

    private static String codeOf(JsonNode value) {
        if (value == null) return null;
        if (value.isIntegralNumber()) return value.bigIntegerValue().toString();
        if (value.isTextual()) return value.textValue().trim();
        return null;
    }
}
