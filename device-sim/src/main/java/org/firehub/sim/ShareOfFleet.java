package org.firehub.sim;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/** Picks a share of the eligible devices (at least one when the share is positive), seeded. */
final class ShareOfFleet {
    private final Set<String> chosen = new HashSet<>();

    void choose(List<SimDevice> running, Predicate<SimDevice> eligible, double share, RandomGenerator random) {
        chosen.clear();
        List<SimDevice> candidates = running.stream().filter(eligible).toList();
        if (share <= 0 || candidates.isEmpty()) return;
        for (SimDevice device : candidates) {
            if (random.nextDouble() < share) chosen.add(device.deviceId());
        }
        if (chosen.isEmpty()) chosen.add(candidates.get(0).deviceId());
    }

    boolean contains(SimDevice device) {
        return chosen.contains(device.deviceId());
    }

    int size() {
        return chosen.size();
    }
}
