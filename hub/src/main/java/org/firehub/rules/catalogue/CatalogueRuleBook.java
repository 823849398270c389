package org.firehub.rules.catalogue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.firehub.device.Device;
import org.firehub.rules.CorrelationRule;
import org.firehub.rules.DeviceRules;
import org.firehub.rules.EventRule;
import org.firehub.rules.RateOfRiseRule;
import org.firehub.rules.Rule;
import org.firehub.rules.RuleBook;
import org.firehub.rules.SupervisionRule;
import org.firehub.rules.ThresholdRule;

/**
 * An immutable, validated rule catalogue. {@link #forDevice} runs for every message, so the
 * common case (no override for the device) is two map look-ups and a binary search over the
 * few overridden venues, with no allocation: each kind's rules are resolved once at load, and
 * so are each overridden venue's. A device with its own overrides is resolved on first use and
 * cached (keyed by device; re-resolved if the device moved venue or changed kind).
 */
public final class CatalogueRuleBook implements RuleBook {
    private final Map<String, List<CatalogueEntry>> entriesByKind;
    private final Map<String, CatalogueEntry> byId;
    private final List<CorrelationRule> correlations;
    private final Map<String, DeviceRules> byKind;
    /** Sorted ids of venues with overrides, and their resolved rules by kind at the same index. */
    private final long[] overriddenVenues;
    private final List<Map<String, DeviceRules>> venueRulesByKind;
    private final Map<Long, Map<String, RuleOverride>> venueOverrides;
    private final Map<String, Map<String, RuleOverride>> deviceOverrides;
    private final ConcurrentHashMap<String, ResolvedDevice> resolvedDevices = new ConcurrentHashMap<>();

    private record ResolvedDevice(String kind, long venueId, DeviceRules rules) {}

    CatalogueRuleBook(Map<String, List<CatalogueEntry>> entriesByKind, Map<String, CatalogueEntry> byId,
                      Map<Long, Map<String, RuleOverride>> venueOverrides,
                      Map<String, Map<String, RuleOverride>> deviceOverrides) {
        this.entriesByKind = copy(entriesByKind);
        this.byId = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byId));
        this.correlations = byId.values().stream()
                .filter(e -> e.enabled() && e.rule() instanceof CorrelationRule)
                .map(e -> (CorrelationRule) e.rule()).toList();
        this.venueOverrides = Map.copyOf(venueOverrides);
        this.deviceOverrides = Map.copyOf(deviceOverrides);
        this.byKind = resolveAllKinds(Map.of());
        this.overriddenVenues = venueOverrides.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        List<Map<String, DeviceRules>> perVenue = new ArrayList<>();
        for (long venueId : overriddenVenues) perVenue.add(resolveAllKinds(venueOverrides.get(venueId)));
        this.venueRulesByKind = List.copyOf(perVenue);
    }

    @Override
    public DeviceRules forDevice(Device device) {
        String deviceId = device.id().value();
        if (!deviceOverrides.isEmpty() && deviceOverrides.containsKey(deviceId)) return withDeviceOverrides(device, deviceId);
        int venue = overriddenVenues.length == 0 ? -1 : Arrays.binarySearch(overriddenVenues, device.venueId());
        DeviceRules rules = (venue >= 0 ? venueRulesByKind.get(venue) : byKind).get(device.kind());
        return rules == null ? DeviceRules.NONE : rules;
    }

    private DeviceRules withDeviceOverrides(Device device, String deviceId) {
        ResolvedDevice cached = resolvedDevices.get(deviceId);
        if (cached != null && cached.venueId() == device.venueId() && cached.kind().equals(device.kind())) return cached.rules();
        DeviceRules rules = resolve(device.kind(), venueOverrides.getOrDefault(device.venueId(), Map.of()),
                deviceOverrides.get(deviceId));
        resolvedDevices.put(deviceId, new ResolvedDevice(device.kind(), device.venueId(), rules));
        return rules;
    }

    @Override
    public List<CorrelationRule> correlations() {
        return correlations;
    }

    @Override
    public Optional<Rule> rule(String id) {
        CatalogueEntry entry = byId.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.rule());
    }

    /** Every rule as written in the file (before overrides), disabled ones included, in file order. */
    public List<CatalogueEntry> entries() {
        return List.copyOf(byId.values());
    }

    public Map<Long, Map<String, RuleOverride>> venueOverrides() {
        return venueOverrides;
    }

    public Map<String, Map<String, RuleOverride>> deviceOverrides() {
        return deviceOverrides;
    }

    /** Rules per type ({@code threshold}, {@code rate_of_rise}, {@code event}, {@code supervision}, {@code correlation}). */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String type : RuleTypes.ALL) counts.put(type, 0);
        byId.values().forEach(e -> counts.merge(RuleTypes.of(e.rule()), 1, Integer::sum));
        return counts;
    }

    private Map<String, DeviceRules> resolveAllKinds(Map<String, RuleOverride> venue) {
        Map<String, DeviceRules> resolved = new HashMap<>();
        for (String kind : entriesByKind.keySet()) resolved.put(kind, resolve(kind, venue, Map.of()));
        return Map.copyOf(resolved);
    }

    /** A kind's rules with the venue's overrides, then the device's, applied; disabled rules left out. */
    private DeviceRules resolve(String kind, Map<String, RuleOverride> venue, Map<String, RuleOverride> device) {
        List<ThresholdRule> thresholds = new ArrayList<>();
        List<RateOfRiseRule> rates = new ArrayList<>();
        List<EventRule> events = new ArrayList<>();
        SupervisionRule supervision = null;
        for (CatalogueEntry base : entriesByKind.getOrDefault(kind, List.of())) {
            CatalogueEntry entry = base;
            RuleOverride fromVenue = venue.get(base.rule().id());
            if (fromVenue != null) entry = fromVenue.applyTo(entry);
            RuleOverride fromDevice = device.get(base.rule().id());
            if (fromDevice != null) entry = fromDevice.applyTo(entry);
            if (!entry.enabled()) continue;
            switch (entry.rule()) {
                case ThresholdRule t -> thresholds.add(t);
                case RateOfRiseRule r -> rates.add(r);
                case EventRule e -> events.add(e);
                case SupervisionRule s -> supervision = s;
                case CorrelationRule c -> throw new IllegalStateException("correlation rule " + c.id() + " filed under kind " + kind);
            }
        }
        if (thresholds.isEmpty() && rates.isEmpty() && events.isEmpty() && supervision == null) return DeviceRules.NONE;
        return new DeviceRules(thresholds, rates, events, Optional.ofNullable(supervision));
    }

    private static Map<String, List<CatalogueEntry>> copy(Map<String, List<CatalogueEntry>> byKind) {
        Map<String, List<CatalogueEntry>> copy = new LinkedHashMap<>();
        byKind.forEach((kind, entries) -> copy.put(kind, List.copyOf(entries)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
