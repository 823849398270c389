package org.firehub.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/** A share of the smoke detectors are pulled off the ceiling: one {@code tamper} event on their second message. */
final class Tamper implements Scenario {
    private final double share;
    private final ShareOfFleet chosen = new ShareOfFleet();

    Tamper(double share) {
        this.share = share;
    }

    @Override public String name() { return "tamper"; }

    @Override
    public void choose(Fleet fleet, List<SimDevice> running, RandomGenerator random) {
        chosen.choose(running, d -> d.kind().equals("smoke"), share, random);
    }

    @Override public boolean involves(SimDevice device) { return false; }

    @Override
    public void shape(SimDevice device, long tick, Message message, RandomGenerator random) {
        if (chosen.contains(device) && tick == 1) message.events.add("tamper");
    }
}
