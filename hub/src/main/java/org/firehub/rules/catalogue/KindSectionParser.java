package org.firehub.rules.catalogue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.firehub.device.DeviceKind;
import org.firehub.rules.Direction;
import org.firehub.rules.EventRule;
import org.firehub.rules.RateOfRiseRule;
import org.firehub.rules.SupervisionRule;
import org.firehub.rules.ThresholdRule;
import org.yaml.snakeyaml.nodes.Node;

/** One kind's section of {@code rules.yaml}: limits, thresholds, rates of rise, events, supervision. */
final class KindSectionParser {
    static final Set<String> SECTION_KEYS = Set.of("limits", "thresholds", "rates_of_rise", "events", "supervision");
    static final Set<String> THRESHOLD_KEYS = union(CommonFields.KEYS,
            Set.of("reading", "direction", "raise_at", "hold", "clear_at", "clear_hold"));
    static final Set<String> RATE_KEYS = union(CommonFields.KEYS, Set.of("reading", "rise", "window", "clear_hold"));
    static final Set<String> EVENT_KEYS = union(CommonFields.KEYS, Set.of("event", "cleared_by"));
    static final Set<String> SUPERVISION_KEYS = union(CommonFields.KEYS, Set.of("interval", "missed", "grace"));

    private final ParseContext ctx;
    private final Problems problems;

    KindSectionParser(ParseContext ctx) {
        this.ctx = ctx;
        this.problems = ctx.problems;
    }

    void parse(Node kindKey, String kindName, Node sectionNode) {
        DeviceKind kind = ctx.kinds.kind(kindName).orElse(null);
        if (kind == null) {
            problems.at(kindKey, "unknown device kind '" + kindName + "' (device-kinds.yaml knows "
                    + String.join(", ", ctx.kinds.kindNames()) + ")");
            return;
        }
        YamlMap section = YamlMap.of(sectionNode, "kind '" + kindName + "'", problems);
        if (section == null) return;
        section.allowOnly(SECTION_KEYS);
        // Limits first: thresholds are checked against them.
        if (section.has("limits")) limits(kind, section.optional("limits"));
        each(section, "thresholds", item -> threshold(kind, item));
        each(section, "rates_of_rise", item -> rateOfRise(kind, item));
        each(section, "events", item -> event(kind, item));
        if (section.has("supervision")) supervision(kind, section.optional("supervision"));
    }

    private void each(YamlMap section, String key, java.util.function.Consumer<Node> parseOne) {
        if (!section.has(key)) return;
        List<Node> items = YamlValues.list(section.optional(key), section.what() + ": " + key, problems);
        if (items != null) items.forEach(parseOne);
    }

    private void limits(DeviceKind kind, Node node) {
        YamlMap map = YamlMap.of(node, "kind '" + kind.name() + "': limits", problems);
        if (map == null) return;
        Map<String, SettableRange> ranges = new HashMap<>();
        for (var entry : map.entries().entrySet()) {
            String reading = entry.getKey();
            if (!kind.readings().contains(reading)) {
                problems.at(map.keyNode(reading), unknownReading(kind, reading));
                continue;
            }
            YamlMap range = YamlMap.of(entry.getValue(), "limits of " + reading, problems);
            if (range == null || !range.allowOnly(Set.of("min", "max"))) continue;
            Node minNode = range.required("min");
            Node maxNode = range.required("max");
            Double min = minNode == null ? null : YamlValues.number(minNode, "limits of " + reading + ": min", problems);
            Double max = maxNode == null ? null : YamlValues.number(maxNode, "limits of " + reading + ": max", problems);
            if (min == null || max == null) continue;
            if (!(min < max)) {
                problems.at(maxNode, "limits of " + reading + ": max " + YamlNumbers.plain(max) + " must be above min " + YamlNumbers.plain(min));
                continue;
            }
            ranges.put(reading, new SettableRange(min, max));
        }
        ctx.limits.put(kind.name(), Map.copyOf(ranges));
    }

    private void threshold(DeviceKind kind, Node node) {
        YamlMap map = relabel(node, kind.name() + " threshold");
        if (map == null) return;
        map.allowOnly(THRESHOLD_KEYS);
        CommonFields common = CommonFields.read(map, ctx);
        String reading = reading(kind, map);
        Direction direction = direction(map);
        Double raiseAt = number(map, "raise_at");
        Double clearAt = number(map, "clear_at");
        Duration hold = duration(map, "hold");
        Duration clearHold = duration(map, "clear_hold");
        if (common == null || reading == null || direction == null || raiseAt == null || clearAt == null
                || hold == null || clearHold == null) return;
        SettableRange range = ctx.range(kind.name(), reading);
        if (range != null && !range.contains(raiseAt)) {
            problems.at(map.optional("raise_at"), map.what() + ": raise_at " + YamlNumbers.plain(raiseAt)
                    + " is outside the settable range " + range + " of " + reading);
            return;
        }
        if (direction == Direction.ABOVE ? clearAt > raiseAt : clearAt < raiseAt) {
            problems.at(map.optional("clear_at"), map.what() + ": clear_at " + YamlNumbers.plain(clearAt)
                    + " must be on the safe side of raise_at " + YamlNumbers.plain(raiseAt) + " ("
                    + (direction == Direction.ABOVE ? "at or below" : "at or above") + " it, for a '"
                    + direction.name().toLowerCase() + "' rule)");
            return;
        }
        ctx.add(kind.name(), new CatalogueEntry(new ThresholdRule(common.id(), kind.name(), reading, direction, raiseAt, hold,
                clearAt, clearHold, common.hazard(), common.severity()), common.enabled(), common.note()));
    }

    private void rateOfRise(DeviceKind kind, Node node) {
        YamlMap map = relabel(node, kind.name() + " rate_of_rise");
        if (map == null) return;
        map.allowOnly(RATE_KEYS);
        CommonFields common = CommonFields.read(map, ctx);
        String reading = reading(kind, map);
        Double rise = number(map, "rise");
        Duration window = duration(map, "window");
        Duration clearHold = duration(map, "clear_hold");
        if (rise != null && rise <= 0) {
            problems.at(map.optional("rise"), map.what() + ": rise must be more than 0, not " + YamlNumbers.plain(rise));
            rise = null;
        }
        if (window != null && window.isZero()) {
            problems.at(map.optional("window"), map.what() + ": window must be longer than 0s");
            window = null;
        }
        if (common == null || reading == null || rise == null || window == null || clearHold == null) return;
        ctx.add(kind.name(), new CatalogueEntry(new RateOfRiseRule(common.id(), kind.name(), reading, rise, window, clearHold,
                common.hazard(), common.severity()), common.enabled(), common.note()));
    }

    private void event(DeviceKind kind, Node node) {
        YamlMap map = relabel(node, kind.name() + " event");
        if (map == null) return;
        map.allowOnly(EVENT_KEYS);
        CommonFields common = CommonFields.read(map, ctx);
        Node eventNode = map.required("event");
        String event = eventNode == null ? null : YamlValues.name(eventNode, map.what() + ": event", YamlValues.NAME, problems);
        if (event != null && !kind.events().contains(event)) {
            problems.at(eventNode, unknownEvent(kind, event));
            event = null;
        }
        List<String> clearedBy = List.of();
        if (map.has("cleared_by")) {
            Node clearNode = map.optional("cleared_by");
            clearedBy = YamlValues.names(clearNode, map.what() + ": cleared_by", YamlValues.NAME, problems);
            if (clearedBy != null) {
                for (String clearing : clearedBy) {
                    if (!kind.events().contains(clearing)) {
                        problems.at(clearNode, unknownEvent(kind, clearing));
                        clearedBy = null;
                        break;
                    }
                    if (clearing.equals(event)) {
                        problems.at(clearNode, map.what() + ": event '" + event + "' cannot clear itself");
                        clearedBy = null;
                        break;
                    }
                }
            }
        }
        if (common == null || event == null || clearedBy == null) return;
        ctx.add(kind.name(), new CatalogueEntry(new EventRule(common.id(), kind.name(), event, Set.copyOf(clearedBy),
                common.hazard(), common.severity()), common.enabled(), common.note()));
    }

    private void supervision(DeviceKind kind, Node node) {
        YamlMap map = relabel(node, kind.name() + " supervision");
        if (map == null) return;
        map.allowOnly(SUPERVISION_KEYS);
        CommonFields common = CommonFields.read(map, ctx);
        Duration interval = duration(map, "interval");
        Node missedNode = map.required("missed");
        Integer missed = missedNode == null ? null : YamlValues.integer(missedNode, map.what() + ": missed", problems);
        Duration grace = map.has("grace") ? YamlValues.duration(map.optional("grace"), map.what() + ": grace", problems) : Duration.ZERO;
        if (interval != null && interval.isZero()) {
            problems.at(map.optional("interval"), map.what() + ": interval must be longer than 0s");
            interval = null;
        }
        if (missed != null && missed < 1) {
            problems.at(missedNode, map.what() + ": missed must be at least 1, not " + missed);
            missed = null;
        }
        if (common == null || interval == null || missed == null || grace == null) return;
        ctx.add(kind.name(), new CatalogueEntry(new SupervisionRule(common.id(), kind.name(), interval, missed, grace,
                common.hazard(), common.severity()), common.enabled(), common.note()));
    }

    /** The mapping, labelled with the rule's id when it has one, so every problem names the rule. */
    private YamlMap relabel(Node node, String section) {
        YamlMap map = YamlMap.of(node, section + " rule", problems);
        return map == null ? null : map.labelled(CommonFields.label(section, map));
    }

    private String reading(DeviceKind kind, YamlMap map) {
        Node node = map.required("reading");
        String reading = node == null ? null : YamlValues.name(node, map.what() + ": reading", YamlValues.NAME, problems);
        if (reading != null && !kind.readings().contains(reading)) {
            problems.at(node, unknownReading(kind, reading));
            return null;
        }
        return reading;
    }

    private Direction direction(YamlMap map) {
        Node node = map.required("direction");
        String text = node == null ? null : YamlValues.text(node, map.what() + ": direction", problems);
        if (text == null) return null;
        return switch (text) {
            case "above" -> Direction.ABOVE;
            case "below" -> Direction.BELOW;
            default -> {
                problems.at(node, map.what() + ": direction must be above or below, not '" + text + "'");
                yield null;
            }
        };
    }

    private Double number(YamlMap map, String key) {
        Node node = map.required(key);
        return node == null ? null : YamlValues.number(node, map.what() + ": " + key, problems);
    }

    private Duration duration(YamlMap map, String key) {
        Node node = map.required(key);
        return node == null ? null : YamlValues.duration(node, map.what() + ": " + key, problems);
    }

    private static String unknownReading(DeviceKind kind, String reading) {
        return "kind '" + kind.name() + "' has no reading '" + reading + "' (device-kinds.yaml: "
                + String.join(", ", kind.readings().stream().sorted().toList()) + ")";
    }

    private static String unknownEvent(DeviceKind kind, String event) {
        return "kind '" + kind.name() + "' has no event '" + event + "' (device-kinds.yaml: "
                + String.join(", ", kind.events().stream().sorted().toList()) + ")";
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
