package org.firehub.rules.catalogue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import org.firehub.rules.CorrelationRule;
import org.firehub.rules.EventRule;
import org.firehub.rules.RateOfRiseRule;
import org.firehub.rules.SupervisionRule;
import org.firehub.rules.ThresholdRule;

/** The catalogue and its status as JSON, in the file's own words (snake_case keys, durations as {@code 10s}). */
final class RuleJson {
    private RuleJson() {}

    static JsonObject document(RuleCatalogueStatus status, CatalogueRuleBook book) {
        JsonArray rules = new JsonArray();
        book.entries().forEach(entry -> rules.add(rule(entry)));
        JsonObject venues = new JsonObject();
        book.venueOverrides().forEach((venue, overrides) -> venues.put(Long.toString(venue), overrides(overrides)));
        JsonObject devices = new JsonObject();
        book.deviceOverrides().forEach((device, overrides) -> devices.put(device, overrides(overrides)));
        return new JsonObject().put("status", status(status)).put("rules", rules)
                .put("overrides", new JsonObject().put("venues", venues).put("devices", devices));
    }

    static JsonObject status(RuleCatalogueStatus status) {
        JsonObject counts = new JsonObject();
        RuleTypes.ALL.forEach(type -> counts.put(type, status.ruleCounts().getOrDefault(type, 0)));
        JsonObject json = new JsonObject().put("file", status.file()).put("version", status.version())
                .put("loadedAt", status.loadedAt().toString()).put("ruleCounts", counts)
                .put("reloads", new JsonObject().put("applied", status.applied()).put("refused", status.refused()));
        json.put("lastRefused", status.lastRefused().map(r -> {
            JsonArray problems = new JsonArray();
            r.problems().forEach(p -> problems.add(new JsonObject().put("line", p.line()).put("column", p.column())
                    .put("message", p.message())));
            return new JsonObject().put("at", r.at().toString()).put("version", r.version()).put("error", r.error())
                    .put("problems", problems);
        }).orElse(null));
        return json;
    }

    static JsonObject rule(CatalogueEntry entry) {
        JsonObject json = new JsonObject().put("id", entry.rule().id()).put("type", RuleTypes.of(entry.rule()));
        switch (entry.rule()) {
            case ThresholdRule t -> json.put("kind", t.kind()).put("reading", t.reading())
                    .put("direction", t.direction().name().toLowerCase()).put("raise_at", t.raiseAt())
                    .put("hold", d(t.hold())).put("clear_at", t.clearAt()).put("clear_hold", d(t.clearHold()));
            case RateOfRiseRule r -> json.put("kind", r.kind()).put("reading", r.reading()).put("rise", r.rise())
                    .put("window", d(r.window())).put("clear_hold", d(r.clearHold()));
            case EventRule e -> json.put("kind", e.kind()).put("event", e.event())
                    .put("cleared_by", new JsonArray(new TreeSet<>(e.clearedBy()).stream().toList()));
            case SupervisionRule s -> json.put("kind", s.kind()).put("interval", d(s.interval())).put("missed", s.missed())
                    .put("grace", d(s.grace())).put("offline_after", d(s.silenceLimit()));
            case CorrelationRule c -> {
                JsonArray requires = new JsonArray();
                c.requires().forEach(group -> requires.add(new JsonArray(new TreeSet<>(group).stream().toList())));
                json.put("requires", requires).put("min_devices", c.minDevices()).put("window", d(c.window()))
                        .put("venue_types", new JsonArray(new TreeSet<>(c.venueTypes()).stream().toList()));
            }
        }
        json.put("hazard", entry.rule().hazard()).put("severity", entry.rule().severity().wireName())
                .put("enabled", entry.enabled());
        if (!entry.note().isEmpty()) json.put("note", entry.note());
        return json;
    }

    private static JsonObject overrides(Map<String, RuleOverride> byRule) {
        JsonObject json = new JsonObject();
        byRule.forEach((id, o) -> {
            JsonObject changes = new JsonObject();
            if (o.enabled() != null) changes.put("enabled", o.enabled());
            if (o.severity() != null) changes.put("severity", o.severity().wireName());
            if (o.raiseAt() != null) changes.put("raise_at", o.raiseAt());
            if (o.clearAt() != null) changes.put("clear_at", o.clearAt());
            if (o.hold() != null) changes.put("hold", d(o.hold()));
            if (o.clearHold() != null) changes.put("clear_hold", d(o.clearHold()));
            if (o.rise() != null) changes.put("rise", o.rise());
            if (o.window() != null) changes.put("window", d(o.window()));
            if (o.interval() != null) changes.put("interval", d(o.interval()));
            if (o.missed() != null) changes.put("missed", o.missed());
            if (o.grace() != null) changes.put("grace", d(o.grace()));
            json.put(id, changes);
        });
        return json;
    }

    private static String d(Duration duration) {
        return Durations.format(duration);
    }
}
