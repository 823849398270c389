package org.firehub.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/** The quiet baseline: readings drift inside normal bands, nothing else happens (also the default). */
final class NormalDay implements Scenario {
    @Override public String name() { return "normal-day"; }
    @Override public void choose(Fleet fleet, List<SimDevice> running, RandomGenerator random) { }
    @Override public boolean involves(SimDevice device) { return false; }
    @Override public void shape(SimDevice device, long tick, Message message, RandomGenerator random) { }
}
