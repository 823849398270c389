package org.firehub.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/** Cameras see e-bikes brought indoors and gas cylinders where none belong, in {@code share} of their messages. */
final class CameraSightings implements Scenario {
    private final double share;

    CameraSightings(double share) {
        this.share = share;
    }

    @Override public String name() { return "camera"; }

    @Override public void choose(Fleet fleet, List<SimDevice> running, RandomGenerator random) { }

    @Override public boolean involves(SimDevice device) { return false; }

    @Override
    public void shape(SimDevice device, long tick, Message message, RandomGenerator random) {
        if (!device.kind().equals("camera") || random.nextDouble() >= share) return;
        message.events.add(random.nextBoolean() ? "ebike_detected" : "gas_cylinder_detected");
    }
}
