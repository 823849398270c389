package org.firehub.rules.catalogue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.firehub.device.DeviceKindCatalogue;
import org.firehub.rules.Rule;
import org.yaml.snakeyaml.nodes.Node;

/** What the parts of the parser share while reading one file: problems, kinds, rule ids seen so far. */
final class ParseContext {
    final Problems problems = new Problems();
    final DeviceKindCatalogue kinds;
    /** Device rules by kind, in file order. */
    final Map<String, List<CatalogueEntry>> byKind = new LinkedHashMap<>();
    /** Every rule by id (device and correlation rules). */
    final Map<String, CatalogueEntry> byId = new LinkedHashMap<>();
    /** Settable ranges by kind, then reading. */
    final Map<String, Map<String, SettableRange>> limits = new HashMap<>();
    /** Hazards device rules can raise: correlation rules may only name these. */
    final Set<String> deviceHazards = new LinkedHashSet<>();
    private final Map<String, Node> idNodes = new HashMap<>();

    ParseContext(DeviceKindCatalogue kinds) {
        this.kinds = kinds;
    }

    /** Claims a rule id; a second rule with the same id is a problem at its id line. */
    boolean claimId(String id, Node at) {
        Node first = idNodes.putIfAbsent(id, at);
        if (first == null) return true;
        problems.at(at, "duplicate rule id '" + id + "' (first at line " + (first.getStartMark().getLine() + 1) + ")");
        return false;
    }

    void add(String kind, CatalogueEntry entry) {
        Rule rule = entry.rule();
        byId.put(rule.id(), entry);
        if (kind != null) {
            byKind.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(entry);
            deviceHazards.add(rule.hazard());
        }
    }

    SettableRange range(String kind, String reading) {
        return limits.getOrDefault(kind, Map.of()).get(reading);
    }
}
