package org.firehub.rules.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.firehub.alarms.AlarmClear;
import org.firehub.alarms.AlarmRaise;
import org.firehub.alarms.AlarmSubject;
import org.firehub.rules.CorrelationRule;
import org.firehub.rules.RuleBook;

/**
 * Venue-level correlation for the venues of one shard. Devices are sharded by venue, so every
 * device alarm of a venue is decided on this thread and the venue's state needs no locks.
 *
 * <p>A rule that filters on venue types needs the venue's type; when the cache does not hold
 * it yet, the lookup runs asynchronously and the venue is checked again when it is back
 * (through {@code retry}), with the same time, so the window is judged as it was.
 */
final class Correlation {
    /** Re-runs a check on the shard thread once a venue's type is loaded. */
    interface Retry {
        void later(long venueId, String grid, long atMillis);
    }

    private final Map<Long, VenueCorrelation> venues = new HashMap<>();
    private final VenueTypes venueTypes;
    private final Retry retry;
    private RuleBook indexedBook;
    private Map<String, CorrelationRule> byId = Map.of();
    private long keepMillis;

    Correlation(VenueTypes venueTypes, Retry retry) {
        this.venueTypes = venueTypes;
        this.retry = retry;
    }

    /** A device alarm was raised by this engine at {@code atMillis} (hub clock). */
    void deviceRaised(RuleBook rules, AlarmRaise raise, long atMillis, long startNanos, Consumer<Decision> out) {
        index(rules);
        long venueId = raise.subject().venueId();
        VenueCorrelation venue = venues.computeIfAbsent(venueId, v -> new VenueCorrelation());
        venue.memberRaised(raise.subject().deviceId().orElseThrow(), raise.ruleId(), raise.hazard(), atMillis, keepMillis);
        check(rules, venueId, raise.grid(), atMillis, startNanos, out);
    }

    void deviceCleared(RuleBook rules, AlarmClear clear, long startNanos, Consumer<Decision> out) {
        index(rules);
        long venueId = clear.subject().venueId();
        VenueCorrelation venue = venues.get(venueId);
        if (venue == null) return;
        venue.memberCleared(clear.subject().deviceId().orElseThrow(), clear.ruleId());
        clearUnsupported(venueId, venue, clear.clearedAt(), startNanos, out);
    }

    void seedMember(long venueId, String deviceId, String ruleId, String hazard) {
        venues.computeIfAbsent(venueId, v -> new VenueCorrelation()).memberSeeded(deviceId, ruleId, hazard);
    }

    void seedCorrelation(long venueId, String ruleId) {
        venues.computeIfAbsent(venueId, v -> new VenueCorrelation()).correlationSeeded(ruleId);
    }

    /** After seeding at start: a venue alarm none of whose members is active any more is cleared. */
    void settle(RuleBook rules, long nowMillis, Consumer<Decision> out) {
        index(rules);
        List<Long> ids = List.copyOf(venues.keySet()); // clearUnsupported may remove idle venues
        for (Long venueId : ids) clearUnsupported(venueId, venues.get(venueId), Instant.ofEpochMilli(nowMillis), Decision.NOT_TIMED, out);
    }

    /** Checks the venue's rules against the raises within their windows before {@code atMillis}. */
    void check(RuleBook rules, long venueId, String grid, long atMillis, long startNanos, Consumer<Decision> out) {
        index(rules);
        VenueCorrelation venue = venues.get(venueId);
        if (venue == null) return;
        boolean[] typeMissing = {false};
        Predicate<CorrelationRule> applies = rule -> {
            if (rule.venueTypes().isEmpty()) return true;
            Optional<String> type = venueTypes.ifKnown(venueId);
            if (type.isEmpty()) typeMissing[0] = true;
            return type.map(rule.venueTypes()::contains).orElse(false);
        };
        for (VenueCorrelation.Match match : venue.newlyMatched(rules.correlations(), atMillis, applies)) {
            CorrelationRule rule = match.rule();
            out.accept(new Decision.Raise(new AlarmRaise(AlarmSubject.venue(venueId), grid, rule.id(), rule.hazard(),
                    rule.severity(), Instant.ofEpochMilli(atMillis), Map.of("devices", (double) match.devices().size()),
                    String.join(", ", match.hazards()) + " from " + match.devices().size() + " devices ("
                            + String.join(", ", match.devices()) + ") within "
                            + DeviceRuleEvaluator.seconds(rule.window().toMillis())), startNanos));
        }
        if (typeMissing[0]) {
            venueTypes.type(venueId).onSuccess(type -> retry.later(venueId, grid, atMillis));
        }
    }

    private void clearUnsupported(long venueId, VenueCorrelation venue, Instant at, long startNanos, Consumer<Decision> out) {
        for (String ruleId : venue.unsupported(byId)) {
            out.accept(new Decision.Clear(new AlarmClear(AlarmSubject.venue(venueId), ruleId, at,
                    "no member alarm active any more"), startNanos));
        }
        if (venue.idle()) venues.remove(venueId);
    }

    private void index(RuleBook rules) {
        if (rules == indexedBook) return;
        Map<String, CorrelationRule> map = new HashMap<>();
        long keep = 0;
        for (CorrelationRule rule : rules.correlations()) {
            map.put(rule.id(), rule);
            keep = Math.max(keep, rule.window().toMillis());
        }
        byId = map;
        keepMillis = keep;
        indexedBook = rules;
    }

    int venues() {
        return venues.size();
    }
}
