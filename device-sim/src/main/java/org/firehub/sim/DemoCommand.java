package org.firehub.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./firehub sim demo}: registers the demo town ({@link DemoTown}, 1,152 devices in 40 venues)
 * once, then runs all of it over MQTT on the simulation engine: a normal day with an occasional
 * incident (a gas leak after about a minute, an overheating cable after two, a fire after three,
 * camera sightings, a tamper, low batteries) so a newcomer sees a live town.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Register the demo town (once) and run all its devices over MQTT until stopped.")
final class DemoCommand implements Callable<Integer> {
    /** Incidents start at a device's Nth message; devices in an incident report every 2 s. */
    static final String DEMO_SCENARIOS = "normal-day,gas-leak=30,cable-overheat=60,fire=90,camera=0.02,tamper=0.005,low-battery=0.01";
    private static final int VENUES_SHOWN = 8;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:${env:FIREHUB_HTTP_PORT:-8080}",
            description = "Hub HTTP base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--mqtt", defaultValue = "tcp://127.0.0.1:${env:FIREHUB_MQTT_PORT:-1883}",
            description = "Hub MQTT URL (default: ${DEFAULT-VALUE}).")
    String mqttUrl;

    @Option(names = "--home", defaultValue = "var", description = "Where demo-town.json (0600, the tokens) is kept (default: ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--user", defaultValue = "admin", description = "Operator user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--interval", defaultValue = "30", converter = DurationConverter.class,
            description = "Time between a device's messages (default: ${DEFAULT-VALUE} s).")
    Duration interval;

    @Option(names = "--duration", defaultValue = "0", converter = DurationConverter.class,
            description = "Stop after this long; 0 runs until interrupted (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--scenario", defaultValue = DEMO_SCENARIOS, description = "Scenarios, as for ./firehub sim (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Override
    public Integer call() throws Exception {
        String password = System.getenv("FIREHUB_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) {
            System.err.println("FIREHUB_ADMIN_PASSWORD must hold the operator password (./firehub demo sets it).");
            return 2;
        }
        List<Scenario> scenarios;
        try {
            scenarios = Scenarios.parse(scenario);
        } catch (IllegalArgumentException e) {
            System.err.println("firehub sim demo: " + e.getMessage());
            return 2;
        }
        HubApi api = new HubApi(url);
        api.login(user, password);
        Path file = home.resolve("demo-town.json");
        FleetPlan plan = DemoTown.plan();
        Fleet town = plan.ensure(file, Fleet.loadOrEmpty(file, "demo"), api);
        List<SimDevice> devices = FleetPlan.select(town, plan);
        printWelcome(town, devices.size());

        List<SimEngine.Assignment> assignments = devices.stream().map(d -> new SimEngine.Assignment(d, "mqtt")).toList();
        SimEngine.Settings settings = new SimEngine.Settings(url, mqttUrl, "coap://127.0.0.1:5683", "vertx", 1, interval, false,
                System.currentTimeMillis(), 60);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = StopHook.install(stop, finished);
        System.out.printf("%d devices publishing about every %d s over %s. Ctrl-C stops.%n", devices.size(), interval.toSeconds(), mqttUrl);
        try (SimEngine engine = new SimEngine(settings)) {
            engine.run(town, assignments, scenarios, duration, stop, System.out, System.console() != null);
        } finally {
            finished.countDown();
            StopHook.remove(hook);
        }
        return 0;
    }

    private void printWelcome(Fleet town, int devices) {
        System.out.println();
        System.out.println("firehub demo town: " + town.venues().size() + " venues, " + devices + " devices");
        System.out.println("  console:  " + url + "/console/   (sign in as admin with the demo's admin password)");
        System.out.println("  API:      " + url + "/api/v1/   (described at " + url + "/api/v1/openapi.json)");
        System.out.println("  health:   " + url + "/health");
        System.out.println("  metrics:  " + url + "/metrics");
        System.out.println("  venues and their public pages (the URLs their QR codes encode):");
        town.venues().stream().limit(VENUES_SHOWN).forEach(venue -> System.out.printf("    %-40s %s%n", venue.name(), venue.publicUrl()));
        if (town.venues().size() > VENUES_SHOWN) {
            System.out.printf("    ... and %d more (GET %s/api/v1/venues)%n", town.venues().size() - VENUES_SHOWN, url);
        }
        System.out.println();
    }
}
