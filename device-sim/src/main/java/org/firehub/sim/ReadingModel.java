package org.firehub.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Plausible readings of a healthy device of each kind, drifting a little between messages.
 * Values stay inside normal bands (no alarms): the demo shows a quiet town.
 */
final class ReadingModel {
    private final String kind;
    private final RandomGenerator random;
    private double battery;

    ReadingModel(String kind, RandomGenerator random) {
        this.kind = kind;
        this.random = random;
        this.battery = 60 + random.nextDouble() * 40;
    }

    Map<String, Double> next() {
        Map<String, Double> readings = new LinkedHashMap<>();
        battery = Math.max(5, battery - random.nextDouble() * 0.01);
        switch (kind) {
            case "smoke" -> {
                readings.put("smoke_obscuration_db_m", round(0.02 + random.nextDouble() * 0.04, 3));
                readings.put("temperature_c", round(20 + random.nextGaussian() * 2, 1));
                readings.put("battery_pct", round(battery, 0));
                readings.put("rssi_dbm", round(-65 - random.nextDouble() * 25, 0));
            }
            case "gas" -> {
                readings.put("gas_lel_pct", round(Math.abs(random.nextGaussian()) * 1.5, 1));
                readings.put("valve_closed", 0.0);
                readings.put("battery_pct", round(battery, 0));
            }
            case "electrical" -> {
                readings.put("residual_current_ma", round(15 + random.nextDouble() * 40, 0));
                readings.put("cable_temp_c_l1", round(32 + random.nextGaussian() * 3, 1));
                readings.put("cable_temp_c_l2", round(31 + random.nextGaussian() * 3, 1));
                readings.put("cable_temp_c_l3", round(33 + random.nextGaussian() * 3, 1));
                readings.put("cable_temp_c_n", round(29 + random.nextGaussian() * 2, 1));
                readings.put("current_a", round(8 + random.nextDouble() * 20, 1));
                readings.put("voltage_v", round(220 + random.nextGaussian() * 3, 1));
            }
            case "water" -> {
                readings.put("pipe_pressure_kpa", round(300 + random.nextGaussian() * 10, 0));
                readings.put("tank_level_pct", round(85 + random.nextDouble() * 10, 0));
            }
            default -> { }
        }
        return readings;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
