package org.firehub.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A story the simulated town tells the hub: which devices it involves and how it reshapes their
 * messages. Scenarios are small and declarative-ish: {@link #choose} picks targets once from the
 * fleet (deterministically for a seed), {@link #shape} edits a target's next message.
 */
interface Scenario {
    String name();

    /** Picks the devices this scenario involves; called once before the run. */
    void choose(Fleet fleet, List<SimDevice> running, RandomGenerator random);

    /** Whether the device takes part (its incident messages come faster, as real alarms do). */
    boolean involves(SimDevice device);

    /** Reshapes the device's message number {@code tick} (0 = first). */
    void shape(SimDevice device, long tick, Message message, RandomGenerator random);
}
