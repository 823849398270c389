package org.firehub.rules.catalogue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping read with its locations: duplicate keys and keys not in the allowed set are
 * problems at the key's own line (typo protection: {@code rasie_at} must not be silently ignored).
 */
final class YamlMap {
    private final MappingNode node;
    private final String what;
    private final Problems problems;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Node> keys = new LinkedHashMap<>();

    private YamlMap(MappingNode node, String what, Problems problems) {
        this.node = node;
        this.what = what;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode scalar)) {
                problems.at(key, what + ": keys must be plain names");
                continue;
            }
            if (values.containsKey(scalar.getValue())) {
                problems.at(key, what + ": duplicate key '" + scalar.getValue() + "' (first at line "
                        + (keys.get(scalar.getValue()).getStartMark().getLine() + 1) + ")");
                continue;
            }
            values.put(scalar.getValue(), tuple.getValueNode());
            keys.put(scalar.getValue(), key);
        }
    }

    private YamlMap(YamlMap other, String what) {
        this.node = other.node;
        this.what = what;
        this.problems = other.problems;
        this.values.putAll(other.values);
        this.keys.putAll(other.keys);
    }

    /** The same mapping, named differently in problems (e.g. by the rule id once it is known). */
    YamlMap labelled(String newWhat) {
        return new YamlMap(this, newWhat);
    }

    /** The mapping, or null (and a problem) when {@code node} is not a mapping. */
    static YamlMap of(Node node, String what, Problems problems) {
        if (node instanceof MappingNode mapping) return new YamlMap(mapping, what, problems);
        problems.at(node, what + " must be a mapping (key: value lines), not " + YamlValues.describe(node));
        return null;
    }

    /** Records every key outside {@code allowed} as a problem; true when there was none. */
    boolean allowOnly(Set<String> allowed) {
        boolean ok = true;
        for (var entry : keys.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                problems.at(entry.getValue(), what + ": unknown key '" + entry.getKey() + "' (expected one of "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
                ok = false;
            }
        }
        return ok;
    }

    /** The value node, or null (and a problem at the mapping) when it is missing. */
    Node required(String key) {
        Node value = values.get(key);
        if (value == null) problems.at(node, what + ": missing '" + key + "'");
        return value;
    }

    /** The value node, or null when absent. */
    Node optional(String key) {
        return values.get(key);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The key node of an entry: where a problem about the entry as a whole belongs. */
    Node keyNode(String key) {
        return keys.get(key);
    }

    Map<String, Node> entries() {
        return values;
    }

    MappingNode node() {
        return node;
    }

    String what() {
        return what;
    }
}
