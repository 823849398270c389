package org.firehub.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Scenarios replayed deterministically through {@link DeviceBehaviour}, reading the bodies a hub would get. */
class ScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SMOKE_READINGS = Set.of("smoke_obscuration_db_m", "temperature_c", "battery_pct", "rssi_dbm");

    private final Fleet fleet = new Fleet("t", List.of(
            new Fleet.Venue(1, "Noodle shop", "restaurant", "G1", ""), new Fleet.Venue(2, "Factory", "factory", "G2", "")),
            List.of(
                    new SimDevice("f-gas-1", "gas", 2, "x"),
                    new SimDevice("r-gas-1", "gas", 1, "x"),
                    new SimDevice("r-smoke-1", "smoke", 1, "x"),
                    new SimDevice("r-smoke-2", "smoke", 1, "x"),
                    new SimDevice("r-smoke-3", "smoke", 1, "x"),
                    new SimDevice("f-smoke-1", "smoke", 2, "x"),
                    new SimDevice("f-el-1", "electrical", 2, "x")));

    private List<JsonNode> replay(List<Scenario> scenarios, String deviceId, int messages) throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        scenarios.forEach(s -> s.choose(fleet, fleet.devices(), random.split()));
        SimDevice device = fleet.devices().stream().filter(d -> d.deviceId().equals(deviceId)).findFirst().orElseThrow();
        DeviceBehaviour behaviour = new DeviceBehaviour(device, scenarios, random.split());
        List<JsonNode> bodies = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            DeviceBehaviour.Outgoing out = behaviour.next(1_000L * i);
            bodies.add(out == null ? null : JSON.readTree(out.body()));
        }
        return bodies;
    }

    @Test
    void gasLeakInTheRestaurantCrosses25Then50WithAlarmLowThenAlarmHigh() throws Exception {
        List<JsonNode> bodies = replay(List.of(new GasLeak(2)), "r-gas-1", 12);
        List<String> events = new ArrayList<>();
        int crossed25 = -1, crossed50 = -1;
        for (int i = 0; i < bodies.size(); i++) {
            double lel = bodies.get(i).path("readings").path("gas_lel_pct").asDouble();
            if (crossed25 < 0 && lel >= 25) crossed25 = i;
            if (crossed50 < 0 && lel >= 50) crossed50 = i;
            bodies.get(i).path("events").forEach(e -> events.add(e.asText()));
            if (i > 0) assertTrue(i <= 2 || lel >= bodies.get(i - 1).path("readings").path("gas_lel_pct").asDouble(), "rising");
        }
        assertTrue(bodies.get(0).path("readings").path("gas_lel_pct").asDouble() < 5, "quiet before the leak");
        assertTrue(crossed25 > 2 && crossed50 > crossed25, "crossed 25 at " + crossed25 + ", 50 at " + crossed50);
        assertEquals(List.of("alarm_low", "alarm_high"), events);
        assertEquals("alarm_low", bodies.get(crossed25).path("events").get(0).asText());
        assertEquals("alarm_high", bodies.get(crossed50).path("events").get(0).asText());
        assertEquals(0, replay(List.of(new GasLeak(2)), "f-gas-1", 12).stream().filter(b -> b.has("events")).count(),
                "the factory's gas detector stays quiet: the restaurant's is the one leaking");
    }

    @Test
    void cableOverheatPasses85DegreesAnd300Milliamps() throws Exception {
        JsonNode last = replay(List.of(new CableOverheat(1)), "f-el-1", 12).get(11).path("readings");
        assertTrue(last.path("cable_temp_c_l1").asDouble() > 85, last.toString());
        assertTrue(last.path("residual_current_ma").asDouble() > 300, last.toString());
    }

    @Test
    void fireRaisesAlarmsOnAtLeastThreeSmokeDetectorsOfOneVenue() throws Exception {
        Fire fire = new Fire(3);
        int alarms = 0;
        for (String id : List.of("r-smoke-1", "r-smoke-2", "r-smoke-3", "f-smoke-1")) {
            for (JsonNode body : replay(List.of(fire), id, 6)) {
                for (JsonNode event : body.path("events")) if (event.asText().equals("alarm")) alarms++;
            }
        }
        assertEquals(3, alarms, "the three detectors of the restaurant, once each; not the lone factory one");
    }

    @Test
    void aRunsSeqsStartAboveItsSeqBaseSoAReRunIsNotTakenForDuplicates() throws Exception {
        SimDevice device = new SimDevice("s", "smoke", 1, "x");
        DeviceBehaviour firstRun = new DeviceBehaviour(device, List.of(new NormalDay()), new SplittableRandom(1), 1_000_000);
        DeviceBehaviour secondRun = new DeviceBehaviour(device, List.of(new NormalDay()), new SplittableRandom(1), 2_000_000);
        long lastOfFirst = 0;
        for (int i = 0; i < 50; i++) lastOfFirst = JSON.readTree(firstRun.next(i).body()).path("seq").asLong();
        long firstOfSecond = JSON.readTree(secondRun.next(0).body()).path("seq").asLong();
        assertEquals(1_000_050, lastOfFirst);
        assertEquals(2_000_001, firstOfSecond);
    }

    @Test
    void badPayloadsCorruptTheConfiguredShareAndEveryCorruptBodyIsInvalid() throws Exception {
        BadPayloads bad = new BadPayloads(0.2);
        SplittableRandom random = new SplittableRandom(3);
        SimDevice device = new SimDevice("s", "smoke", 1, "x");
        DeviceBehaviour behaviour = new DeviceBehaviour(device, List.of(bad), random);
        int malformed = 0, total = 5_000;
        for (int i = 0; i < total; i++) {
            DeviceBehaviour.Outgoing out = behaviour.next(i);
            if (out.malformed()) {
                malformed++;
                assertFalse(validSmokeBody(out.body()), new String(out.body()));
            } else {
                assertTrue(validSmokeBody(out.body()), new String(out.body()));
            }
        }
        assertEquals(0.2, malformed / (double) total, 0.02);
    }

    private static boolean validSmokeBody(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (!node.path("readings").isObject()) return false;
            var names = node.path("readings").fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!SMOKE_READINGS.contains(name) || !node.path("readings").path(name).isNumber()) return false;
            }
            return node.path("seq").isNumber();
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void silentDevicesStopAfterTheirThirdMessage() throws Exception {
        List<JsonNode> bodies = replay(List.of(new Silent(1.0)), "f-smoke-1", 6);
        assertNotNull(bodies.get(2));
        assertNull(bodies.get(3));
        assertNull(bodies.get(5));
    }

    @Test
    void scenarioSpecsParseAndBadOnesAreRefusedClearly() {
        assertEquals(List.of("gas-leak", "silent", "bad-payloads"),
                Scenarios.parse("gas-leak,silent=0.2,bad-payloads").stream().map(Scenario::name).toList());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scenarios.parse("earthquake")).getMessage()
                .contains("unknown scenario 'earthquake'; known: normal-day, gas-leak"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scenarios.parse("silent=2")).getMessage()
                .contains("share must be within 0..1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scenarios.parse("fire=x")).getMessage()
                .contains("'x' is not a number"));
    }

    @Test
    void camerasSpeakOnlyWhenTheySeeSomething() throws Exception {
        SimDevice camera = new SimDevice("c", "camera", 1, "x");
        assertNull(new DeviceBehaviour(camera, List.of(new NormalDay()), new SplittableRandom(1)).next(0),
                "no readings, no events: nothing to send (the hub would reject an empty body)");
        DeviceBehaviour.Outgoing sighting = new DeviceBehaviour(camera, List.of(new CameraSightings(1.0)), new SplittableRandom(1)).next(0);
        String event = JSON.readTree(sighting.body()).path("events").get(0).asText();
        assertTrue(Set.of("ebike_detected", "gas_cylinder_detected").contains(event), event);
        assertEquals("events", sighting.channel());
    }

    @Test
    void sameSeedSameMessages() throws Exception {
        assertEquals(replay(List.of(new NormalDay()), "f-el-1", 5), replay(List.of(new NormalDay()), "f-el-1", 5));
    }
}
