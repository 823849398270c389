package org.firehub.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/** A share of the battery devices (smoke, gas) report 8-14 % battery and a {@code low_battery} event (smoke). */
final class LowBattery implements Scenario {
    private final double share;
    private final ShareOfFleet chosen = new ShareOfFleet();

    LowBattery(double share) {
        this.share = share;
    }

    @Override public String name() { return "low-battery"; }

    @Override
    public void choose(Fleet fleet, List<SimDevice> running, RandomGenerator random) {
        chosen.choose(running, d -> d.kind().equals("smoke") || d.kind().equals("gas"), share, random);
    }

    @Override public boolean involves(SimDevice device) { return false; }

    @Override
    public void shape(SimDevice device, long tick, Message message, RandomGenerator random) {
        if (!chosen.contains(device)) return;
        message.readings.put("battery_pct", (double) (8 + random.nextInt(7)));
        if (device.kind().equals("smoke") && tick % 10 == 0) message.events.add("low_battery");
    }
}
