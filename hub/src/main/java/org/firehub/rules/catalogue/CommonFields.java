package org.firehub.rules.catalogue;

import java.util.Set;
import org.firehub.rules.Severity;
import org.yaml.snakeyaml.nodes.Node;

/** The fields every rule has: id, hazard, severity, and the optional enabled flag and note. */
record CommonFields(String id, String hazard, Severity severity, boolean enabled, String note) {
    static final Set<String> KEYS = Set.of("id", "hazard", "severity", "enabled", "note");

    /** Null when a field is missing or bad (the problems are recorded), or the id is taken. */
    static CommonFields read(YamlMap map, ParseContext ctx) {
        Problems problems = ctx.problems;
        Node idNode = map.required("id");
        String id = idNode == null ? null : YamlValues.name(idNode, map.what() + ": id", YamlValues.RULE_ID, problems);
        if (id != null && !ctx.claimId(id, idNode)) id = null;
        Node hazardNode = map.required("hazard");
        String hazard = hazardNode == null ? null
                : YamlValues.name(hazardNode, map.what() + ": hazard", YamlValues.NAME, problems);
        Node severityNode = map.required("severity");
        Severity severity = severityNode == null ? null
                : YamlValues.severity(severityNode, map.what() + ": severity", problems);
        Boolean enabled = map.has("enabled") ? YamlValues.bool(map.optional("enabled"), map.what() + ": enabled", problems) : Boolean.TRUE;
        String note = map.has("note") ? YamlValues.text(map.optional("note"), map.what() + ": note", problems) : "";
        if (id == null || hazard == null || severity == null || enabled == null) return null;
        return new CommonFields(id, hazard, severity, enabled, note);
    }

    /** "thresholds entry electrical.residual_current": how problems name a rule once its id is known. */
    static String label(String section, YamlMap map) {
        Node id = map.optional("id");
        return id instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? section + " '" + s.getValue() + "'" : section + " entry";
    }
}
