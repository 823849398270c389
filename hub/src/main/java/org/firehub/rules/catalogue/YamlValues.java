package org.firehub.rules.catalogue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.firehub.rules.Severity;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed scalar values out of YAML nodes. Each reader records a problem at the node and returns
 * null when the value has the wrong type, so parsing goes on and reports every problem at once.
 */
final class YamlValues {
    /** Names of kinds, readings, events and hazards: the device-kind catalogue's pattern. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** Rule ids: {@code electrical.residual_current}. */
    static final Pattern RULE_ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    private YamlValues() {}

    static String describe(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s when s.getTag().equals(Tag.NULL) -> "empty";
            case ScalarNode s -> "'" + s.getValue() + "'";
            default -> "a " + node.getNodeId();
        };
    }

    static String text(Node node, String what, Problems problems) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) && !s.getValue().isBlank()) return s.getValue();
        problems.at(node, what + " must be a text value, not " + describe(node));
        return null;
    }

    static String name(Node node, String what, Pattern pattern, Problems problems) {
        String text = text(node, what, problems);
        if (text == null) return null;
        if (!pattern.matcher(text).matches()) {
            problems.at(node, what + " '" + text + "' must be lower-case letters, digits and _"
                    + (pattern == RULE_ID ? " (dots between parts)" : "") + ", starting with a letter");
            return null;
        }
        return text;
    }

    static Double number(Node node, String what, Problems problems) {
        if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                double value = Double.parseDouble(s.getValue().replace("_", ""));
                if (Double.isFinite(value)) return value;
            } catch (NumberFormatException e) {
                // falls through to the problem below (e.g. 0x1F or sexagesimal 1:30)
            }
        }
        problems.at(node, what + " must be a finite number, not " + describe(node));
        return null;
    }

    static Integer integer(Node node, String what, Problems problems) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            try {
                return Integer.parseInt(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        problems.at(node, what + " must be a whole number, not " + describe(node));
        return null;
    }

    static Boolean bool(Node node, String what, Problems problems) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return switch (s.getValue().toLowerCase()) {
                case "true", "yes", "on", "y" -> true;
                default -> false;
            };
        }
        problems.at(node, what + " must be true or false, not " + describe(node));
        return null;
    }

    static Duration duration(Node node, String what, Problems problems) {
        Optional<Duration> parsed = node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)
                ? Durations.parse(s.getValue()) : Optional.empty();
        if (parsed.isPresent() && !parsed.get().isNegative()) return parsed.get();
        boolean bare = node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT));
        problems.at(node, what + " must be a duration like 10s, 5m, 24h, 1h30m or PT10S, not " + describe(node)
                + (bare ? " (a duration needs a unit)" : ""));
        return null;
    }

    static Severity severity(Node node, String what, Problems problems) {
        String text = text(node, what, problems);
        if (text == null) return null;
        Optional<Severity> severity = Severity.fromWireName(text);
        if (severity.isEmpty()) problems.at(node, what + " must be minor, major or critical, not '" + text + "'");
        return severity.orElse(null);
    }

    /** A list of names; a single name is not accepted as a list, to keep the file uniform. */
    static List<String> names(Node node, String what, Pattern pattern, Problems problems) {
        if (!(node instanceof SequenceNode seq)) {
            problems.at(node, what + " must be a list like [a, b], not " + describe(node));
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Node item : seq.getValue()) {
            String name = name(item, what + " entry", pattern, problems);
            if (name != null) names.add(name);
        }
        return names;
    }

    static List<Node> list(Node node, String what, Problems problems) {
        if (node instanceof SequenceNode seq) return seq.getValue();
        problems.at(node, what + " must be a list (lines starting with '- '), not " + describe(node));
        return null;
    }
}
