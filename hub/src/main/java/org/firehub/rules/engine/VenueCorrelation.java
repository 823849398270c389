package org.firehub.rules.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.firehub.rules.CorrelationRule;

/**
 * One venue's correlation state, fed by the engine's own device-alarm decisions: the recent
 * raises (for the window), the device alarms active now, and the correlation alarms raised.
 *
 * <p>Times are hub-clock arrival times, not device timestamps: two devices' clocks need not
 * agree, and "two signals within 120 s" is about when the centre received them.
 *
 * <p>A correlation alarm clears when no device alarm of the venue with one of the rule's
 * hazards is active any more: the confirmed fire stays confirmed while any smoke alarm behind
 * it still sounds, however long that is, and ends when the last one stops.
 */
final class VenueCorrelation {
    record MemberRaise(String deviceId, String hazard, long atMillis) {}

    /** A rule whose conditions are met now, with the devices that met them. */
    record Match(CorrelationRule rule, Set<String> devices, Set<String> hazards) {}

    private final ArrayDeque<MemberRaise> recent = new ArrayDeque<>();
    /** deviceId + '\u0000' + ruleId → hazard of each active device alarm of the venue. */
    private final Map<String, String> activeMembers = new HashMap<>();
    private final Set<String> activeCorrelations = new HashSet<>();

    void memberRaised(String deviceId, String ruleId, String hazard, long atMillis, long keepMillis) {
        activeMembers.put(key(deviceId, ruleId), hazard);
        while (!recent.isEmpty() && recent.peekFirst().atMillis() < atMillis - keepMillis) recent.pollFirst();
        if (keepMillis > 0) recent.addLast(new MemberRaise(deviceId, hazard, atMillis));
    }

    /** A device alarm found active at start: it keeps a correlation alarm up, but it is no new signal. */
    void memberSeeded(String deviceId, String ruleId, String hazard) {
        activeMembers.put(key(deviceId, ruleId), hazard);
    }

    void memberCleared(String deviceId, String ruleId) {
        activeMembers.remove(key(deviceId, ruleId));
    }

    void correlationSeeded(String ruleId) {
        activeCorrelations.add(ruleId);
    }

    /**
     * The rules newly met by the raises within their window before {@code nowMillis}; each is
     * marked active here, so it is reported once until it clears.
     */
    List<Match> newlyMatched(List<CorrelationRule> rules, long nowMillis, Predicate<CorrelationRule> applies) {
        List<Match> out = new ArrayList<>(0);
        for (CorrelationRule rule : rules) {
            if (activeCorrelations.contains(rule.id())) continue;
            Match match = match(rule, nowMillis);
            if (match != null && applies.test(rule)) {
                activeCorrelations.add(rule.id());
                out.add(match);
            }
        }
        return out;
    }

    private Match match(CorrelationRule rule, long nowMillis) {
        long from = nowMillis - rule.window().toMillis();
        Set<String> devices = new LinkedHashSet<>();
        Set<String> hazards = new LinkedHashSet<>();
        boolean[] groupMet = new boolean[rule.requires().size()];
        for (MemberRaise raise : recent) {
            if (raise.atMillis() < from || raise.atMillis() > nowMillis) continue;
            for (int g = 0; g < groupMet.length; g++) {
                if (rule.requires().get(g).contains(raise.hazard())) {
                    groupMet[g] = true;
                    devices.add(raise.deviceId());
                    hazards.add(raise.hazard());
                }
            }
        }
        for (boolean met : groupMet) if (!met) return null;
        return devices.size() >= rule.minDevices() ? new Match(rule, devices, hazards) : null;
    }

    /** The active correlation rules none of whose hazards has an active device alarm any more; unmarked here. */
    List<String> unsupported(Map<String, CorrelationRule> rulesById) {
        List<String> out = new ArrayList<>(0);
        for (var it = activeCorrelations.iterator(); it.hasNext(); ) {
            String ruleId = it.next();
            CorrelationRule rule = rulesById.get(ruleId);
            if (rule == null) {
                it.remove(); // rule removed by a reload: drop its state, leave its alarm to a person
                continue;
            }
            boolean supported = activeMembers.values().stream()
                    .anyMatch(hazard -> rule.requires().stream().anyMatch(group -> group.contains(hazard)));
            if (!supported) {
                it.remove();
                out.add(ruleId);
            }
        }
        return out;
    }

    boolean idle() {
        return recent.isEmpty() && activeMembers.isEmpty() && activeCorrelations.isEmpty();
    }

    private static String key(String deviceId, String ruleId) {
        return deviceId + '\u0000' + ruleId;
    }
}
