package org.firehub.sim;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A restaurant's gas detector sees a leak: %LEL climbs 8 points a message from {@code startTick},
 * raising {@code alarm_low} when it crosses 25 and {@code alarm_high} when it crosses 50, and
 * levels off at 60 (the valve is not closed: the hub is expected to act).
 */
final class GasLeak implements Scenario {
    static final double LOW = 25, HIGH = 50, STEP = 8, CEILING = 60;
    private final long startTick;
    private String target;

    GasLeak(long startTick) {
        this.startTick = startTick;
    }

    @Override public String name() { return "gas-leak"; }

    @Override
    public void choose(Fleet fleet, List<SimDevice> running, RandomGenerator random) {
        Optional<SimDevice> restaurantGas = running.stream()
                .filter(d -> d.kind().equals("gas") && fleet.venueType(d).equals("restaurant")).findFirst();
        target = restaurantGas.or(() -> running.stream().filter(d -> d.kind().equals("gas")).findFirst())
                .map(SimDevice::deviceId).orElse(null);
    }

    @Override
    public boolean involves(SimDevice device) {
        return device.deviceId().equals(target);
    }

    @Override
    public void shape(SimDevice device, long tick, Message message, RandomGenerator random) {
        if (!involves(device) || tick < startTick) return;
        double previous = level(tick - 1);
        double now = level(tick);
        message.readings.put("gas_lel_pct", now);
        if (previous < LOW && now >= LOW) message.events.add("alarm_low");
        if (previous < HIGH && now >= HIGH) message.events.add("alarm_high");
    }

    private double level(long tick) {
        if (tick < startTick) return 0;
        return Math.min(CEILING, STEP * (tick - startTick + 1));
    }
}
