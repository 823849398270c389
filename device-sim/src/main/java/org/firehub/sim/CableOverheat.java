package org.firehub.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One electrical monitor's cable overheats: phase L1 climbs 7 °C a message from 40 °C past 85 °C
 * (to 110) while the residual current climbs 40 mA a message past 300 mA (to 400).
 */
final class CableOverheat implements Scenario {
    private final long startTick;
    private String target;

    CableOverheat(long startTick) {
        this.startTick = startTick;
    }

    @Override public String name() { return "cable-overheat"; }

    @Override
    public void choose(Fleet fleet, List<SimDevice> running, RandomGenerator random) {
        target = running.stream().filter(d -> d.kind().equals("electrical")).map(SimDevice::deviceId).findFirst().orElse(null);
    }

    @Override
    public boolean involves(SimDevice device) {
        return device.deviceId().equals(target);
    }

    @Override
    public void shape(SimDevice device, long tick, Message message, RandomGenerator random) {
        if (!involves(device) || tick < startTick) return;
        long step = tick - startTick + 1;
        message.readings.put("cable_temp_c_l1", Math.min(110.0, 40 + 7.0 * step));
        message.readings.put("residual_current_ma", Math.min(400.0, 60 + 40.0 * step));
    }
}
