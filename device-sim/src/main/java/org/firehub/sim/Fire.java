package org.firehub.sim;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * A fire in one venue: from {@code startTick} up to five of its smoke detectors (at least three)
 * report dense smoke, rising heat and an {@code alarm} event, within seconds of each other.
 */
final class Fire implements Scenario {
    private final long startTick;
    private final Set<String> targets = new HashSet<>();

    Fire(long startTick) {
        this.startTick = startTick;
    }

    @Override public String name() { return "fire"; }

    @Override
    public void choose(Fleet fleet, List<SimDevice> running, RandomGenerator random) {
        Map<Long, List<SimDevice>> smokeByVenue = running.stream().filter(d -> d.kind().equals("smoke"))
                .collect(Collectors.groupingBy(SimDevice::venueId));
        smokeByVenue.values().stream().filter(list -> list.size() >= 3).findFirst()
                .ifPresent(list -> list.stream().limit(5).forEach(d -> targets.add(d.deviceId())));
    }

    @Override
    public boolean involves(SimDevice device) {
        return targets.contains(device.deviceId());
    }

    @Override
    public void shape(SimDevice device, long tick, Message message, RandomGenerator random) {
        if (!involves(device) || tick < startTick) return;
        message.readings.put("smoke_obscuration_db_m", 2.0 + random.nextDouble());
        message.readings.put("temperature_c", Math.min(90.0, 35 + 10.0 * (tick - startTick)));
        if (tick == startTick) message.events.add("alarm");
    }
}
