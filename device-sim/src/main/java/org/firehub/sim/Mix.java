package org.firehub.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A weighted mix such as {@code smoke=60,gas=10} (kinds) or {@code mqtt=80,coap=10,http=10}
 * (transports). Counts are apportioned exactly (largest remainder), so 500 devices at 60 %
 * are 300 devices, not "about 300".
 */
record Mix(Map<String, Integer> weights) {

    /** Parses {@code name=weight,...}; the error message names the bad part and what is allowed. */
    static Mix parse(String spec, Set<String> allowed, String what) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException(what + " mix is empty; e.g. " + example(allowed));
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] pair = part.trim().split("=", -1);
            if (pair.length != 2 || pair[0].isBlank()) {
                throw new IllegalArgumentException(what + " mix: '" + part.trim() + "' is not name=weight; e.g. " + example(allowed));
            }
            String name = pair[0].trim();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(what + " mix: unknown " + what + " '" + name + "'; known: " + String.join(", ", allowed));
            }
            int weight;
            try {
                weight = Integer.parseInt(pair[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " mix: weight of '" + name + "' is not a whole number: '" + pair[1].trim() + "'");
            }
            if (weight < 0) throw new IllegalArgumentException(what + " mix: weight of '" + name + "' is negative");
            if (weights.put(name, weight) != null) throw new IllegalArgumentException(what + " mix: '" + name + "' given twice");
        }
        if (weights.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException(what + " mix: weights add up to 0");
        }
        return new Mix(Collections.unmodifiableMap(weights));
    }

    private static String example(Set<String> allowed) {
        List<String> names = new ArrayList<>(allowed);
        return names.get(0) + "=70," + names.get(names.size() - 1) + "=30";
    }

    /** Exactly {@code total} items split by weight; remainders go to the largest fractions first. */
    Map<String, Integer> counts(int total) {
        int sum = weights.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Double> remainders = new LinkedHashMap<>();
        int given = 0;
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            double exact = (double) total * entry.getValue() / sum;
            counts.put(entry.getKey(), (int) Math.floor(exact));
            remainders.put(entry.getKey(), exact - Math.floor(exact));
            given += (int) Math.floor(exact);
        }
        List<String> byRemainder = new ArrayList<>(remainders.keySet());
        byRemainder.sort((a, b) -> Double.compare(remainders.get(b), remainders.get(a)));
        for (int i = 0; given < total; i++, given++) {
            counts.merge(byRemainder.get(i % byRemainder.size()), 1, Integer::sum);
        }
        return counts;
    }

    /** The {@code total} names in an interleaved order (not all smoke first) so any prefix is mixed too. */
    List<String> assign(int total) {
        Map<String, Integer> counts = counts(total);
        Map<String, Long> credit = new LinkedHashMap<>();
        counts.keySet().forEach(k -> credit.put(k, 0L));
        List<String> order = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            // Smooth weighted round-robin over exact counts: after total steps each name was picked count times.
            String best = null;
            for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                credit.merge(entry.getKey(), (long) entry.getValue(), Long::sum);
                if (best == null || credit.get(entry.getKey()) > credit.get(best)) best = entry.getKey();
            }
            order.add(best);
            credit.merge(best, (long) -total, Long::sum);
        }
        return order;
    }
}
