package org.firehub.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * All MQTT devices drop their connection at once halfway through the run and reconnect straight
 * away (no jitter): the engine acts on it ({@link SimEngine}); messages are not reshaped.
 */
final class ReconnectStorm implements Scenario {
    @Override public String name() { return "reconnect-storm"; }
    @Override public void choose(Fleet fleet, List<SimDevice> running, RandomGenerator random) { }
    @Override public boolean involves(SimDevice device) { return false; }
    @Override public void shape(SimDevice device, long tick, Message message, RandomGenerator random) { }
}
