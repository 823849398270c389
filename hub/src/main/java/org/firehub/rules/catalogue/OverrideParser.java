package org.firehub.rules.catalogue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.firehub.device.DeviceId;
import org.firehub.rules.CorrelationRule;
import org.firehub.rules.EventRule;
import org.firehub.rules.RateOfRiseRule;
import org.firehub.rules.Rule;
import org.firehub.rules.Severity;
import org.firehub.rules.SupervisionRule;
import org.firehub.rules.ThresholdRule;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The {@code overrides:} section: per venue (keyed by venue id) and per device (keyed by device
 * id), rule id → changed settings. Only keys the rule's type can change are accepted, and every
 * value is checked as the rule itself would be (settable range, safe-side clear level, ...).
 */
final class OverrideParser {
    private static final Set<String> COMMON = Set.of("enabled", "severity");
    static final Set<String> THRESHOLD_KEYS = KindSectionParser.union(COMMON, Set.of("raise_at", "clear_at", "hold", "clear_hold"));
    static final Set<String> RATE_KEYS = KindSectionParser.union(COMMON, Set.of("rise", "window", "clear_hold"));
    static final Set<String> EVENT_KEYS = COMMON;
    static final Set<String> SUPERVISION_KEYS = KindSectionParser.union(COMMON, Set.of("interval", "missed", "grace"));

    final Map<Long, Map<String, RuleOverride>> venues = new LinkedHashMap<>();
    final Map<String, Map<String, RuleOverride>> devices = new LinkedHashMap<>();
    private final ParseContext ctx;
    private final Problems problems;

    OverrideParser(ParseContext ctx) {
        this.ctx = ctx;
        this.problems = ctx.problems;
    }

    void parse(Node node) {
        YamlMap map = YamlMap.of(node, "overrides", problems);
        if (map == null) return;
        map.allowOnly(Set.of("venues", "devices"));
        if (map.has("venues")) section(map.optional("venues"), "venue", true);
        if (map.has("devices")) section(map.optional("devices"), "device", false);
    }

    private void section(Node node, String subject, boolean venues) {
        // "venues:" with nothing under it (every example commented out) means none.
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) return;
        YamlMap bySubject = YamlMap.of(node, "overrides: " + subject + "s", problems);
        if (bySubject == null) return;
        for (var entry : bySubject.entries().entrySet()) {
            Node keyNode = bySubject.keyNode(entry.getKey());
            String label = subject + " " + entry.getKey();
            Map<String, RuleOverride> rules = rules(entry.getValue(), label);
            if (venues) {
                Long venueId = venueId(keyNode);
                if (venueId != null && rules != null) this.venues.put(venueId, rules);
            } else if (!DeviceId.isValid(entry.getKey())) {
                problems.at(keyNode, "overrides: '" + entry.getKey() + "' is not a device id ([A-Za-z0-9_-]{1,64})");
            } else if (rules != null) {
                devices.put(entry.getKey(), rules);
            }
        }
    }

    private Long venueId(Node key) {
        if (key instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            try {
                long id = Long.parseLong(s.getValue());
                if (id > 0) return id;
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        problems.at(key, "overrides: venues are keyed by venue id (a positive whole number), not " + YamlValues.describe(key));
        return null;
    }

    private Map<String, RuleOverride> rules(Node node, String label) {
        YamlMap byRule = YamlMap.of(node, "overrides for " + label, problems);
        if (byRule == null) return null;
        Map<String, RuleOverride> rules = new LinkedHashMap<>();
        for (var entry : byRule.entries().entrySet()) {
            Node keyNode = byRule.keyNode(entry.getKey());
            CatalogueEntry target = ctx.byId.get(entry.getKey());
            if (target == null) {
                problems.at(keyNode, "overrides for " + label + ": unknown rule '" + entry.getKey() + "'");
                continue;
            }
            if (target.rule() instanceof CorrelationRule) {
                problems.at(keyNode, "overrides for " + label + ": correlation rule '" + entry.getKey()
                        + "' cannot be overridden per venue or device (change it under correlations:)");
                continue;
            }
            RuleOverride override = override(target.rule(), entry.getValue(), "override of " + entry.getKey() + " for " + label);
            if (override != null) rules.put(entry.getKey(), override);
        }
        return rules;
    }

    private RuleOverride override(Rule rule, Node node, String what) {
        YamlMap map = YamlMap.of(node, what, problems);
        if (map == null) return null;
        int before = problems.count();
        map.allowOnly(switch (rule) {
            case ThresholdRule t -> THRESHOLD_KEYS;
            case RateOfRiseRule r -> RATE_KEYS;
            case EventRule e -> EVENT_KEYS;
            case SupervisionRule s -> SUPERVISION_KEYS;
            case CorrelationRule c -> Set.of();
        });
        if (map.entries().isEmpty()) problems.at(node, what + ": changes nothing (remove it, or set e.g. enabled: false)");
        Boolean enabled = read(map, "enabled", n -> YamlValues.bool(n, what + ": enabled", problems));
        Severity severity = read(map, "severity", n -> YamlValues.severity(n, what + ": severity", problems));
        Double raiseAt = read(map, "raise_at", n -> YamlValues.number(n, what + ": raise_at", problems));
        Double clearAt = read(map, "clear_at", n -> YamlValues.number(n, what + ": clear_at", problems));
        Duration hold = read(map, "hold", n -> YamlValues.duration(n, what + ": hold", problems));
        Duration clearHold = read(map, "clear_hold", n -> YamlValues.duration(n, what + ": clear_hold", problems));
        Double rise = read(map, "rise", n -> YamlValues.number(n, what + ": rise", problems));
        Duration window = read(map, "window", n -> YamlValues.duration(n, what + ": window", problems));
        Duration interval = read(map, "interval", n -> YamlValues.duration(n, what + ": interval", problems));
        Integer missed = read(map, "missed", n -> YamlValues.integer(n, what + ": missed", problems));
        Duration grace = read(map, "grace", n -> YamlValues.duration(n, what + ": grace", problems));
        if (rule instanceof ThresholdRule t) checkLevels(t, map, what, raiseAt, clearAt);
        if (rise != null && rise <= 0) problems.at(map.optional("rise"), what + ": rise must be more than 0");
        if (window != null && window.isZero()) problems.at(map.optional("window"), what + ": window must be longer than 0s");
        if (interval != null && interval.isZero()) problems.at(map.optional("interval"), what + ": interval must be longer than 0s");
        if (missed != null && missed < 1) problems.at(map.optional("missed"), what + ": missed must be at least 1");
        if (problems.count() > before) return null;
        RuleOverride override = new RuleOverride(rule.id(), enabled, severity, raiseAt, clearAt, hold, clearHold, rise, window,
                interval, missed, grace);
        try {
            override.applyTo(rule);
        } catch (IllegalArgumentException e) {
            problems.at(node, what + ": " + e.getMessage());
            return null;
        }
        return override;
    }

    private void checkLevels(ThresholdRule rule, YamlMap map, String what, Double raiseAt, Double clearAt) {
        if (clearAt != null && raiseAt == null) {
            problems.at(map.optional("clear_at"), what + ": clear_at needs raise_at in the same override "
                    + "(a raise_at alone keeps the default band of " + YamlNumbers.plain(Math.abs(rule.raiseAt() - rule.clearAt())) + ")");
            return;
        }
        if (raiseAt == null) return;
        SettableRange range = ctx.range(rule.kind(), rule.reading());
        if (range != null && !range.contains(raiseAt)) {
            problems.at(map.optional("raise_at"), what + ": raise_at " + YamlNumbers.plain(raiseAt)
                    + " is outside the settable range " + range + " of " + rule.reading());
        }
        if (clearAt != null && (rule.direction() == org.firehub.rules.Direction.ABOVE ? clearAt > raiseAt : clearAt < raiseAt)) {
            problems.at(map.optional("clear_at"), what + ": clear_at " + YamlNumbers.plain(clearAt)
                    + " must be on the safe side of raise_at " + YamlNumbers.plain(raiseAt));
        }
    }

    private static <T> T read(YamlMap map, String key, java.util.function.Function<Node, T> reader) {
        return map.has(key) ? reader.apply(map.optional(key)) : null;
    }
}
