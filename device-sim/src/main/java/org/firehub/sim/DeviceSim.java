package org.firehub.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./firehub sim [OPTIONS]}: a town of simulated fire-safety devices talking to a running hub
 * over MQTT, CoAP and HTTP; subcommands {@code demo}, {@code load}, {@code influx-ceiling}, {@code bench}.
 * See docs/device-sim.md.
 */
@Command(name = "firehub sim", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulated fire-safety devices against a running hub: registers them once through the operator API "
                + "(password from FIREHUB_ADMIN_PASSWORD), then each sends a message every interval until --duration is over; "
                + "prints progress and a summary. See docs/device-sim.md.", ""},
        subcommands = {DemoCommand.class, LoadCommand.class, InfluxCeilingCommand.class, BenchCommand.class})
public final class DeviceSim implements Callable<Integer> {
    static final Set<String> KINDS = ordered("smoke", "gas", "electrical", "camera", "water");
    static final Set<String> TRANSPORTS = ordered("mqtt", "coap", "http");
    /** Above this many MQTT devices the default client is Vert.x: Paho's threads per client run out. */
    static final int PAHO_LIMIT = 500;

    @Option(names = "--devices", defaultValue = "100", description = "How many devices (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--duration", defaultValue = "0", converter = DurationConverter.class,
            description = "How long to run: 60, 60s, 5m; 0 = until Ctrl-C (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--interval", defaultValue = "60", converter = DurationConverter.class,
            description = "Heartbeat: time between a device's messages, jittered ±10 %% (default: ${DEFAULT-VALUE} s).")
    Duration interval;

    @Option(names = "--mix", defaultValue = "smoke=60,gas=10,electrical=15,camera=5,water=10",
            description = "Device kinds by weight (default: ${DEFAULT-VALUE}).")
    String mix;

    @Option(names = "--transports", defaultValue = "mqtt=100",
            description = "Transports by weight, of mqtt, coap, http; e.g. mqtt=80,coap=10,http=10 (default: ${DEFAULT-VALUE}).")
    String transports;

    @Option(names = "--scenario", defaultValue = "normal-day",
            description = {"Scenarios, comma separated, each optionally name=number (a share 0..1 or a start message):",
                    "normal-day, gas-leak, cable-overheat, fire, silent, low-battery, tamper, camera, reconnect-storm,",
                    "bad-payloads (default: ${DEFAULT-VALUE})."})
    String scenario;

    @Option(names = "--ramp", converter = DurationConverter.class,
            description = "Spread the devices' starts (connects) over this long: 10s, 1m (default: one --interval). "
                    + "A short interval with 10,000 devices is otherwise a connect storm.")
    Duration ramp;

    @Option(names = "--storm", description = "Start every device at once (a thundering herd) instead of spreading starts over one interval.")
    boolean storm;

    @Option(names = "--client", description = "MQTT client: paho (realistic, a few threads per device) or vertx (event loop, "
            + "thousands of devices). Default: paho up to " + PAHO_LIMIT + " MQTT devices, vertx above.")
    String client;

    @Option(names = "--source-addresses", defaultValue = "1",
            description = "Spread MQTT source addresses over 127.0.0.1..N when ephemeral ports run short (default: ${DEFAULT-VALUE}).")
    int sourceAddresses;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice: same seed, same run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:${env:FIREHUB_HTTP_PORT:-8080}",
            description = "Hub HTTP base URL, for the operator API and HTTP devices (default: ${DEFAULT-VALUE}; port from FIREHUB_HTTP_PORT).")
    String url;

    @Option(names = "--mqtt", defaultValue = "tcp://127.0.0.1:${env:FIREHUB_MQTT_PORT:-1883}",
            description = "Hub MQTT URL (default: ${DEFAULT-VALUE}; port from FIREHUB_MQTT_PORT).")
    String mqttUrl;

    @Option(names = "--coap", defaultValue = "coap://127.0.0.1:${env:FIREHUB_COAP_PORT:-5683}",
            description = "Hub CoAP URL (default: ${DEFAULT-VALUE}; port from FIREHUB_COAP_PORT).")
    String coapUrl;

    @Option(names = "--user", defaultValue = "admin", description = "Operator user; the password is FIREHUB_ADMIN_PASSWORD (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--home", defaultValue = "${env:FIREHUB_HOME:-var}",
            description = "Where sim-devices.json (0600, the devices' tokens) is kept (default: ${DEFAULT-VALUE}).")
    Path home;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DeviceSim()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (devices < 1) return usage("--devices must be at least 1");
        if (interval.isZero()) return usage("--interval must be more than 0");
        Mix kinds;
        Mix transportMix;
        List<Scenario> scenarios;
        try {
            kinds = Mix.parse(mix, KINDS, "kind");
            transportMix = Mix.parse(transports, TRANSPORTS, "transport");
            scenarios = Scenarios.parse(scenario);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        List<String> transportOrder = transportMix.assign(devices);
        long mqttDevices = transportOrder.stream().filter("mqtt"::equals).count();
        String mqttClient = client != null ? client : (mqttDevices > PAHO_LIMIT ? "vertx" : "paho");
        if (!mqttClient.equals("paho") && !mqttClient.equals("vertx")) return usage("--client is paho or vertx, not '" + client + "'");
        String password = System.getenv("FIREHUB_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) return usage("FIREHUB_ADMIN_PASSWORD must hold the operator password");

        Path file = home.resolve("sim-devices.json");
        Fleet existing = Fleet.loadOrEmpty(file, "sim" + Long.toString(System.currentTimeMillis(), 36));
        FleetPlan plan = SimFleetPlan.plan(existing.prefix(), devices, kinds);
        HubApi api = new HubApi(url);
        api.login(user, password);
        Fleet fleet = plan.ensure(file, existing, api);
        List<SimDevice> chosen = FleetPlan.select(fleet, plan);
        if (chosen.size() < devices) throw new IllegalStateException("only " + chosen.size() + " of " + devices + " devices registered");

        List<SimEngine.Assignment> assignments = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) assignments.add(new SimEngine.Assignment(chosen.get(i), transportOrder.get(i)));
        System.out.printf("%d devices (%s; %s; MQTT client %s), every %d s, scenarios %s; tokens in %s%n", devices,
                kinds.counts(devices), transportMix.counts(devices), mqttClient, interval.toSeconds(),
                scenarios.stream().map(Scenario::name).toList(), file);
        SimEngine.Settings settings = new SimEngine.Settings(url, mqttUrl, coapUrl, mqttClient, sourceAddresses, interval,
                storm, seed, 60, ramp != null && !ramp.isZero() ? ramp : interval);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = StopHook.install(stop, finished);
        try (SimEngine engine = new SimEngine(settings)) {
            engine.run(fleet, assignments, scenarios, duration, stop, System.out, System.console() != null);
        } finally {
            finished.countDown();
            StopHook.remove(hook);
        }
        return 0;
    }

    /** Names in a stable order, so error messages list them the same way every time. */
    private static Set<String> ordered(String... names) {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(names)));
    }

    private static int usage(String problem) {
        System.err.println("firehub sim: " + problem);
        return 2;
    }
}
