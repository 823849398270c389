package org.firehub.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/** A share of the devices go quiet after their third message (dead battery, unplugged, out of range). */
final class Silent implements Scenario {
    static final long QUIET_FROM_TICK = 3;
    private final double share;
    private final ShareOfFleet chosen = new ShareOfFleet();

    Silent(double share) {
        this.share = share;
    }

    @Override public String name() { return "silent"; }

    @Override
    public void choose(Fleet fleet, List<SimDevice> running, RandomGenerator random) {
        chosen.choose(running, d -> true, share, random);
    }

    // Silence is the absence of messages; it does not speed a device up.
    @Override public boolean involves(SimDevice device) { return false; }

    @Override
    public void shape(SimDevice device, long tick, Message message, RandomGenerator random) {
        if (chosen.contains(device) && tick >= QUIET_FROM_TICK) message.silent = true;
    }
}
