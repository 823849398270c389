package org.firehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.firehub.testing.Await;
import org.firehub.testing.HubProcess;
import org.firehub.testing.TestInflux;
import org.firehub.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * device-sim's incident scenarios, run as an operator runs them ({@code ./firehub sim ...} as
 * a separate process) against the running hub with the shipped rules: each scenario raises the
 * hazards docs/device-sim.md says it should, and the normal devices around them raise nothing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SimScenariosEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** What the scenarios may raise; anything else is a false alarm from a normal device. */
    private static final Set<String> EXPECTED_OR_INCIDENTAL = Set.of(
            "gas_leak_low", "gas_leak_high", "gas_leak_with_cylinder", "smoke_alarm", "heat_alarm", "heat_rise",
            "confirmed_fire", "cable_overheat", "cable_heat_rise", "residual_current_high", "tamper",
            "ebike_indoors", "gas_cylinder_sighted");

    @TempDir
    static Path home;
    @TempDir
    static Path simHome;

    private static HubProcess hub;

    @BeforeAll
    static void startHub() {
        hub = HubProcess.create(home, TestPostgres.shared().newDatabase("sim_e2e"), TestInflux.shared().url())
                .with("FIREHUB_INFLUX_DB", "firehub_sim_e2e").start();
        Await.until("hub healthy", Duration.ofSeconds(60), () -> hub.healthStatus() == 200);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) hub.close();
    }

    @Test
    void incidentScenariosRaiseTheirHazardsAndNormalDevicesRaiseNone() throws Exception {
        // 70 s: the overheating cable (from its first message, one every 2 s in the incident)
        // passes 85 °C after ~14 s and must stay there for the shipped 30 s hold.
        int exit = runSim("--devices", "100", "--duration", "70s", "--interval", "10s", "--client", "vertx",
                "--scenario", "normal-day,gas-leak=2,fire=2,cable-overheat=1,tamper=0.5,camera=0.3");
        assertThat(exit).as("device-sim exit code; its output is in " + simHome.resolve("sim.log")).isZero();

        String admin = hub.adminToken();
        Set<String> required = Set.of("gas_leak_low", "gas_leak_high", "smoke_alarm", "confirmed_fire",
                "cable_overheat", "residual_current_high", "tamper");
        Set<String> hazards = Await.value("every scenario's hazards", Duration.ofSeconds(30),
                () -> hazards(alarms(admin)), h -> h.containsAll(required));
        assertThat(hazards).as("camera sightings").containsAnyOf("ebike_indoors", "gas_cylinder_sighted");
        assertThat(hazards).as("no false alarms from normal devices").isSubsetOf(EXPECTED_OR_INCIDENTAL);

        List<JsonNode> all = alarms(admin);
        JsonNode fire = all.stream().filter(a -> a.path("hazard").asText().equals("confirmed_fire")).findFirst().orElseThrow();
        assertThat(fire.path("deviceId").isNull()).as("a confirmed fire is the venue's").isTrue();
        long smokeAlarmsInThatVenue = all.stream().filter(a -> a.path("hazard").asText().equals("smoke_alarm")
                && a.path("venueId").asLong() == fire.path("venueId").asLong()).count();
        assertThat(smokeAlarmsInThatVenue).as("independent smoke alarms behind the confirmed fire").isGreaterThanOrEqualTo(2);
        assertThat(all.stream().filter(a -> a.path("hazard").asText().equals("confirmed_fire")).count())
                .as("one confirmed fire, however many detectors joined in").isEqualTo(1);
    }

    private static int runSim(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.firehub.sim.DeviceSim",
                "--url", hub.httpUrl(), "--mqtt", hub.mqttUrl(), "--home", simHome.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(simHome.resolve("sim.log").toFile());
        pb.environment().put("FIREHUB_ADMIN_PASSWORD", HubProcess.ADMIN_PASSWORD);
        Process sim = pb.start();
        if (!sim.waitFor(150, TimeUnit.SECONDS)) {
            sim.destroyForcibly();
            throw new AssertionError("device-sim did not finish: " + Files.readString(simHome.resolve("sim.log")));
        }
        return sim.exitValue();
    }

    private static List<JsonNode> alarms(String admin) {
        try {
            return list(admin);
        } catch (Exception e) {
            throw new IllegalStateException("GET /api/v1/alarms failed", e);
        }
    }

    private static List<JsonNode> list(String admin) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder().timeout(Duration.ofSeconds(20)).uri(URI.create(hub.httpUrl() + "/api/v1/alarms?limit=1000"))
                        .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        JSON.readTree(response.body()).forEach(list::add);
        return list;
    }

    private static Set<String> hazards(List<JsonNode> alarms) {
        Set<String> hazards = new HashSet<>();
        alarms.forEach(a -> hazards.add(a.path("hazard").asText()));
        return hazards;
    }
}
