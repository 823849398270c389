package org.firehub.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./firehub sim demo}: registers the demo town once, then runs a few devices that
 * publish telemetry over MQTT (QoS 1) until stopped.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Register the demo town (once) and run publishing devices.")
final class DemoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Hub HTTP base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--mqtt", defaultValue = "tcp://127.0.0.1:1883", description = "Hub MQTT URL (default: ${DEFAULT-VALUE}).")
    String mqttUrl;

    @Option(names = "--home", defaultValue = "var", description = "Where demo-town.json is kept (default: ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--user", defaultValue = "admin", description = "Operator user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--publishers", defaultValue = "8", description = "How many devices publish (default: ${DEFAULT-VALUE}).")
    int publishers;

    @Option(names = "--interval", defaultValue = "5", description = "Seconds between a device's messages (default: ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Option(names = "--duration", defaultValue = "0", description = "Stop after this many seconds; 0 runs until interrupted.")
    int durationSeconds;

    @Override
    public Integer call() throws Exception {
        String password = System.getenv("FIREHUB_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) {
            System.err.println("FIREHUB_ADMIN_PASSWORD must hold the operator password (./firehub demo sets it).");
            return 2;
        }
        HubApi api = new HubApi(url);
        api.login(user, password);
        DemoTown town = DemoTown.loadOrRegister(home.resolve("demo-town.json"), api);
        printWelcome(town);

        List<DemoTown.SimDevice> chosen = town.devices().stream()
                .filter(d -> !d.kind().equals("camera")).limit(publishers).toList();
        List<MqttClient> clients = new ArrayList<>();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        AtomicLong published = new AtomicLong();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        try {
            Random random = new Random();
            for (DemoTown.SimDevice device : chosen) {
                MqttClient client = connect(device);
                clients.add(client);
                ReadingModel model = new ReadingModel(device.kind(), random);
                AtomicLong seq = new AtomicLong();
                scheduler.scheduleAtFixedRate(() -> publish(client, device, model, seq, published),
                        random.nextInt(intervalSeconds * 1000), intervalSeconds * 1000L, TimeUnit.MILLISECONDS);
            }
            System.out.printf("%d devices publishing every %d s over %s. Ctrl-C stops.%n", chosen.size(), intervalSeconds, mqttUrl);
            if (durationSeconds > 0) {
                stop.await(durationSeconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        } finally {
            scheduler.shutdownNow();
            for (MqttClient client : clients) {
                try {
                    client.disconnect(1000);
                    client.close();
                } catch (MqttException e) {
                    System.err.println("closing " + client.getClientId() + ": " + e.getMessage());
                }
            }
            System.out.printf("published %d messages%n", published.get());
        }
        return 0;
    }

    private MqttClient connect(DemoTown.SimDevice device) throws MqttException {
        MqttClient client = new MqttClient(mqttUrl, "sim-" + device.deviceId(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(device.deviceId());
        options.setPassword(device.token().toCharArray());
        options.setAutomaticReconnect(true);
        options.setCleanSession(true);
        options.setKeepAliveInterval(30);
        client.connect(options);
        return client;
    }

    private static void publish(MqttClient client, DemoTown.SimDevice device, ReadingModel model, AtomicLong seq,
                                AtomicLong published) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ts", System.currentTimeMillis());
        body.put("seq", seq.incrementAndGet());
        body.put("readings", model.next());
        if (device.kind().equals("smoke") && seq.get() % 12 == 1) body.put("events", List.of("heartbeat"));
        try {
            client.publish("devices/" + device.deviceId() + "/telemetry",
                    JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8), 1, false);
            published.incrementAndGet();
        } catch (Exception e) {
            // A device that cannot reach the hub keeps trying on its next tick, as a real one would.
            System.err.println(device.deviceId() + ": publish failed: " + e.getMessage());
        }
    }

    private void printWelcome(DemoTown town) {
        System.out.println();
        System.out.println("firehub demo town: " + town.venues().size() + " venues, " + town.devices().size() + " devices");
        System.out.println("  API:      " + url + "/api/v1/");
        System.out.println("  health:   " + url + "/health");
        System.out.println("  metrics:  " + url + "/metrics");
        // The public page itself arrives with the venue-risk issue; the QR targets are fixed now.
        System.out.println("  venues and the URLs their QR codes encode:");
        for (DemoTown.Venue venue : town.venues()) {
            System.out.printf("    %-30s %s%n", venue.name(), venue.publicUrl());
        }
        System.out.println();
    }
}
