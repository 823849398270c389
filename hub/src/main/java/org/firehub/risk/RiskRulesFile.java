package org.firehub.risk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code config/risk.yaml} (docs/risk.md) from its YAML node tree, so that every mistake is
 * reported at its line, all of them at once: unknown keys (typos must not be silently ignored),
 * unknown facts or levels, bad thresholds or durations, duplicate codes, missing texts.
 */
public final class RiskRulesFile {
    private static final Pattern WHEN = Pattern.compile("\\s*([a-z_]+)\\s*>=\\s*(\\d+(?:\\.\\d+)?)\\s*");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,5})(s|m|h|d)");
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Set<String> TOP = Set.of("recent_alarms", "offline_after", "cache", "fault_hazards",
            "offline_hazards", "rules");
    private static final Set<String> RULE = Set.of("code", "when", "level", "zh", "en");

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private RiskRulesFile(String file) {
        this.file = file;
    }

    public static RiskRules load(Path file) throws IOException, InvalidRiskRules {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public static RiskRules parse(String yaml, String fileName) throws InvalidRiskRules {
        return new RiskRulesFile(fileName).read(yaml);
    }

    private RiskRules read(String yaml) throws InvalidRiskRules {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by us, with both lines
            root = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            throw new InvalidRiskRules(file, List.of("line " + (e.getProblemMark().getLine() + 1) + ": not valid YAML: "
                    + e.getProblem()));
        }
        if (!(root instanceof MappingNode top)) {
            throw new InvalidRiskRules(file, List.of("line 1: expected a mapping with 'rules'"));
        }
        Map<String, Node> keys = mapping(top, TOP, "the top level");
        Duration recent = duration(keys.get("recent_alarms"), Duration.ofHours(24));
        Duration offline = duration(keys.get("offline_after"), Duration.ofMinutes(30));
        Duration cache = duration(keys.get("cache"), Duration.ofSeconds(5));
        Set<String> faults = names(keys.get("fault_hazards"), Set.of("device_fault"));
        Set<String> offlines = names(keys.get("offline_hazards"), Set.of("device_offline"));
        List<RiskRule> rules = new ArrayList<>();
        Node list = keys.get("rules");
        if (list == null) {
            problems.add("line 1: 'rules' is missing");
        } else if (!(list instanceof SequenceNode seq)) {
            problems.add(at(list) + "'rules' must be a list");
        } else {
            Map<String, Integer> codes = new LinkedHashMap<>();
            for (Node item : seq.getValue()) {
                RiskRule rule = rule(item);
                if (rule == null) continue;
                Integer first = codes.putIfAbsent(rule.code(), line(item));
                if (first != null) problems.add(at(item) + "duplicate code '" + rule.code() + "' (first at line " + first + ")");
                else rules.add(rule);
            }
        }
        if (!problems.isEmpty()) throw new InvalidRiskRules(file, problems);
        return new RiskRules(rules, recent, offline, cache, faults, offlines);
    }

    private RiskRule rule(Node item) {
        if (!(item instanceof MappingNode map)) {
            problems.add(at(item) + "a rule must be a mapping with code, when, level, zh, en");
            return null;
        }
        int before = problems.size();
        Map<String, Node> keys = mapping(map, RULE, "a rule");
        String code = text(keys, "code", item);
        String when = text(keys, "when", item);
        String level = text(keys, "level", item);
        String zh = text(keys, "zh", item);
        String en = text(keys, "en", item);
        if (code != null && !CODE.matcher(code).matches()) {
            problems.add(at(keys.get("code")) + "code '" + code + "' must be lower_snake_case");
        }
        RiskFact fact = null;
        double atLeast = 0;
        if (when != null) {
            Matcher m = WHEN.matcher(when);
            if (!m.matches()) {
                problems.add(at(keys.get("when")) + "'when' must read '<fact> >= <number>', e.g. 'open_critical_tickets >= 1'");
            } else {
                fact = RiskFact.byKey(m.group(1));
                atLeast = Double.parseDouble(m.group(2));
                if (fact == null) problems.add(at(keys.get("when")) + "unknown fact '" + m.group(1) + "'; known: " + factNames());
                else if (fact == RiskFact.OFFLINE_DEVICE_PERCENT && (atLeast <= 0 || atLeast > 100)) {
                    problems.add(at(keys.get("when")) + "offline_device_percent threshold must be in (0, 100]");
                } else if (atLeast <= 0) {
                    problems.add(at(keys.get("when")) + "threshold must be above 0 (a rule that always matches makes every venue "
                            + "non-green)");
                }
            }
        }
        RiskLevel parsed = null;
        if (level != null) {
            try {
                parsed = RiskLevel.parse(level);
                if (parsed == RiskLevel.GREEN) problems.add(at(keys.get("level")) + "green is the level when no rule matches");
            } catch (IllegalArgumentException e) {
                problems.add(at(keys.get("level")) + e.getMessage());
            }
        }
        if (problems.size() > before) return null;
        return new RiskRule(code, fact, atLeast, parsed, zh, en);
    }

    private Map<String, Node> mapping(MappingNode node, Set<String> allowed, String what) {
        Map<String, Node> values = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.add(at(tuple.getKeyNode()) + what + ": keys must be plain names");
                continue;
            }
            if (!allowed.contains(key.getValue())) {
                problems.add(at(key) + what + ": unknown key '" + key.getValue() + "' (allowed: " + String.join(", ",
                        allowed.stream().sorted().toList()) + ")");
            } else if (!seen.add(key.getValue())) {
                problems.add(at(key) + what + ": duplicate key '" + key.getValue() + "'");
            } else {
                values.put(key.getValue(), tuple.getValueNode());
            }
        }
        return values;
    }

    private String text(Map<String, Node> keys, String key, Node owner) {
        Node node = keys.get(key);
        if (node == null) {
            problems.add(at(owner) + "rule needs '" + key + "'");
            return null;
        }
        if (!(node instanceof ScalarNode s) || s.getValue().isBlank()) {
            problems.add(at(node) + "'" + key + "' must be non-empty text");
            return null;
        }
        return s.getValue().strip();
    }

    private Duration duration(Node node, Duration fallback) {
        if (node == null) return fallback;
        Matcher m = node instanceof ScalarNode s ? DURATION.matcher(s.getValue()) : null;
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            problems.add(at(node) + "expected a positive duration like 30s, 30m, 24h or 7d");
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private Set<String> names(Node node, Set<String> fallback) {
        if (node == null) return fallback;
        if (!(node instanceof SequenceNode seq)) {
            problems.add(at(node) + "expected a list of hazard names");
            return fallback;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s && CODE.matcher(s.getValue()).matches()) names.add(s.getValue());
            else problems.add(at(item) + "hazard names are lower_snake_case");
        }
        return names;
    }

    private static String factNames() {
        List<String> names = new ArrayList<>();
        for (RiskFact f : RiskFact.values()) names.add(f.key());
        return String.join(", ", names);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static String at(Node node) {
        return "line " + line(node) + ": ";
    }
}
