package org.firehub.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Names the scenarios and parses {@code --scenario gas-leak,silent=0.2,...} (the number is the share or start tick). */
final class Scenarios {
    /** Each factory takes the optional parameter after '=' (NaN when absent). */
    private static final Map<String, Function<Double, Scenario>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("normal-day", p -> new NormalDay());
        FACTORIES.put("gas-leak", p -> new GasLeak(startTick(p, 2)));
        FACTORIES.put("cable-overheat", p -> new CableOverheat(startTick(p, 2)));
        FACTORIES.put("fire", p -> new Fire(startTick(p, 3)));
        FACTORIES.put("silent", p -> new Silent(share(p, 0.05)));
        FACTORIES.put("low-battery", p -> new LowBattery(share(p, 0.05)));
        FACTORIES.put("tamper", p -> new Tamper(share(p, 0.01)));
        FACTORIES.put("camera", p -> new CameraSightings(share(p, 0.3)));
        FACTORIES.put("reconnect-storm", p -> new ReconnectStorm());
        FACTORIES.put("bad-payloads", p -> new BadPayloads(share(p, 0.05)));
    }

    private Scenarios() {}

    static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    static List<Scenario> parse(String spec) {
        List<Scenario> scenarios = new ArrayList<>();
        if (spec == null || spec.isBlank()) return scenarios;
        for (String part : spec.split(",")) {
            String[] pair = part.trim().split("=", -1);
            Function<Double, Scenario> factory = FACTORIES.get(pair[0].trim());
            if (factory == null) {
                throw new IllegalArgumentException("unknown scenario '" + pair[0].trim() + "'; known: " + String.join(", ", names()));
            }
            double parameter = Double.NaN;
            if (pair.length == 2) {
                try {
                    parameter = Double.parseDouble(pair[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("scenario '" + pair[0].trim() + "': '" + pair[1].trim() + "' is not a number");
                }
            } else if (pair.length > 2) {
                throw new IllegalArgumentException("scenario '" + part.trim() + "': at most one '='");
            }
            scenarios.add(factory.apply(parameter));
        }
        return scenarios;
    }

    private static double share(double parameter, double fallback) {
        if (Double.isNaN(parameter)) return fallback;
        if (parameter < 0 || parameter > 1) throw new IllegalArgumentException("a scenario share must be within 0..1, got " + parameter);
        return parameter;
    }

    private static long startTick(double parameter, long fallback) {
        if (Double.isNaN(parameter)) return fallback;
        if (parameter < 0 || parameter != Math.floor(parameter)) {
            throw new IllegalArgumentException("a scenario start tick must be a whole number >= 0, got " + parameter);
        }
        return (long) parameter;
    }
}
