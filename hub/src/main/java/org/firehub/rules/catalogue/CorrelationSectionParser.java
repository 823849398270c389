package org.firehub.rules.catalogue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.firehub.rules.CorrelationRule;
import org.yaml.snakeyaml.nodes.Node;

/** The venue-level {@code correlations:} list. Runs after the kinds, to check the hazards it names. */
final class CorrelationSectionParser {
    static final Set<String> KEYS = KindSectionParser.union(CommonFields.KEYS,
            Set.of("requires", "min_devices", "window", "venue_types"));

    private final ParseContext ctx;
    private final Problems problems;

    CorrelationSectionParser(ParseContext ctx) {
        this.ctx = ctx;
        this.problems = ctx.problems;
    }

    void parse(Node listNode) {
        List<Node> items = YamlValues.list(listNode, "correlations", problems);
        if (items != null) items.forEach(this::correlation);
    }

    private void correlation(Node node) {
        YamlMap unlabelled = YamlMap.of(node, "correlation rule", problems);
        if (unlabelled == null) return;
        YamlMap map = unlabelled.labelled(CommonFields.label("correlation", unlabelled));
        map.allowOnly(KEYS);
        CommonFields common = CommonFields.read(map, ctx);
        List<Set<String>> requires = requires(map);
        Node minNode = map.required("min_devices");
        Integer minDevices = minNode == null ? null : YamlValues.integer(minNode, map.what() + ": min_devices", problems);
        if (minDevices != null && minDevices < 1) {
            problems.at(minNode, map.what() + ": min_devices must be at least 1, not " + minDevices);
            minDevices = null;
        }
        Node windowNode = map.required("window");
        Duration window = windowNode == null ? null : YamlValues.duration(windowNode, map.what() + ": window", problems);
        if (window != null && window.isZero()) {
            problems.at(windowNode, map.what() + ": window must be longer than 0s");
            window = null;
        }
        List<String> venueTypes = map.has("venue_types")
                ? YamlValues.names(map.optional("venue_types"), map.what() + ": venue_types", YamlValues.NAME, problems)
                : List.of();
        if (common == null || requires == null || minDevices == null || window == null || venueTypes == null) return;
        ctx.add(null, new CatalogueEntry(new CorrelationRule(common.id(), requires, minDevices, window,
                Set.copyOf(venueTypes), common.hazard(), common.severity()), common.enabled(), common.note()));
    }

    private List<Set<String>> requires(YamlMap map) {
        Node node = map.required("requires");
        if (node == null) return null;
        List<Node> groups = YamlValues.list(node, map.what() + ": requires", problems);
        if (groups == null) return null;
        if (groups.isEmpty()) {
            problems.at(node, map.what() + ": requires must list at least one group of hazards, e.g. [[smoke_alarm]]");
            return null;
        }
        List<Set<String>> requires = new ArrayList<>();
        boolean ok = true;
        for (Node group : groups) {
            List<String> hazards = YamlValues.names(group, map.what() + ": requires group", YamlValues.NAME, problems);
            if (hazards == null) {
                ok = false;
                continue;
            }
            if (hazards.isEmpty()) {
                problems.at(group, map.what() + ": a requires group must name at least one hazard");
                ok = false;
                continue;
            }
            for (String hazard : hazards) {
                if (!ctx.deviceHazards.contains(hazard)) {
                    problems.at(group, map.what() + ": no device rule raises hazard '" + hazard + "' (known: "
                            + String.join(", ", ctx.deviceHazards.stream().sorted().toList()) + ")");
                    ok = false;
                }
            }
            requires.add(Set.copyOf(hazards));
        }
        return ok ? requires : null;
    }
}
