package org.firehub.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./firehub sim load}: many MQTT devices publishing QoS 1 readings as fast as their
 * in-flight window allows; prints acknowledged readings per second and the publish → PUBACK
 * latency, which on this hub includes the spool's fsync.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Closed-loop QoS 1 load from many MQTT devices; prints throughput and ack latency.")
final class LoadCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Hub HTTP base URL.")
    String url;

    @Option(names = "--mqtt", defaultValue = "tcp://127.0.0.1:1883", description = "Hub MQTT URL.")
    String mqttUrl;

    @Option(names = "--home", defaultValue = "var", description = "Where registered load devices are kept.")
    Path home;

    @Option(names = "--clients", defaultValue = "1000", description = "Devices, one MQTT connection each (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--inflight", defaultValue = "1", description = "Unacknowledged publishes per device (default: ${DEFAULT-VALUE}).")
    int inflight;

    @Option(names = "--rate", defaultValue = "0",
            description = "Messages per second per device; 0 = as fast as the in-flight window allows (default: ${DEFAULT-VALUE}).")
    double ratePerDevice;

    @Option(names = "--warmup", defaultValue = "5", description = "Seconds of load before measuring (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--duration", defaultValue = "30", description = "Seconds measured (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Override
    public Integer call() throws Exception {
        String password = System.getenv("FIREHUB_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) {
            System.err.println("FIREHUB_ADMIN_PASSWORD must hold the operator password.");
            return 2;
        }
        List<SimDevice> devices = loadDevices(password);
        Recorder latencies = new Recorder(3);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Publisher> publishers = new ArrayList<>();
        for (SimDevice device : devices.subList(0, clients)) {
            publishers.add(new Publisher(device, latencies, acked, failed));
        }
        System.out.printf("connecting %d devices to %s ...%n", clients, mqttUrl);
        long connectStart = System.nanoTime();
        // Connect concurrently: a connect is one round trip, but Paho sets up threads for each client.
        try (ExecutorService connectors = Executors.newFixedThreadPool(64)) {
            List<Future<?>> connects = new ArrayList<>();
            for (Publisher publisher : publishers) connects.add(connectors.submit(() -> {
                publisher.connect();
                return null;
            }));
            for (Future<?> connect : connects) connect.get();
        }
        System.out.printf("connected %d devices in %.1f s%n", clients, (System.nanoTime() - connectStart) / 1e9);
        publishers.forEach(p -> Thread.ofPlatform().daemon().name("load-" + p.device.deviceId()).start(p::run));

        TimeUnit.SECONDS.sleep(warmupSeconds);
        latencies.reset();
        long ackedAtStart = acked.get();
        long start = System.nanoTime();
        TimeUnit.SECONDS.sleep(durationSeconds);
        long ackedInWindow = acked.get() - ackedAtStart;
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram histogram = latencies.getIntervalHistogram();
        publishers.forEach(Publisher::stop);

        System.out.printf("clients=%d inflight/client=%d rate/client=%s measured=%.1fs%n", clients, inflight,
                ratePerDevice > 0 ? ratePerDevice + "/s" : "closed loop", seconds);
        System.out.printf("acked readings/s: %.0f   failed: %d%n", ackedInWindow / seconds, failed.get());
        System.out.printf("PUBACK latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
                histogram.getMaxValue() / 1e3);
        for (Publisher publisher : publishers) publisher.close();
        return 0;
    }

    /** Registers {@code --clients} load devices once (CSV import: one transaction) and keeps their tokens. */
    private List<SimDevice> loadDevices(String password) throws Exception {
        Path file = home.resolve("load-devices.json");
        List<SimDevice> devices = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            for (JsonNode node : JSON.readTree(file.toFile())) {
                devices.add(JSON.treeToValue(node, SimDevice.class));
            }
        }
        if (devices.size() >= clients) return devices;
        HubApi api = new HubApi(url);
        api.login("admin", password);
        long venueId = api.createVenue("Load test venue " + System.currentTimeMillis(), "1 Bench Road", "factory", "LOAD")
                .path("id").asLong();
        StringBuilder csv = new StringBuilder("deviceId,kind,venueId\n");
        String prefix = "load" + Long.toString(System.currentTimeMillis(), 36);
        for (int i = devices.size(); i < clients; i++) {
            csv.append("%s-%05d,smoke,%d%n".formatted(prefix, i, venueId));
        }
        for (JsonNode created : api.importDevices(csv.toString()).path("devices")) {
            devices.add(new SimDevice(created.path("deviceId").asText(), "smoke", venueId,
                    created.path("token").asText()));
        }
        Files.createDirectories(home);
        JSON.writeValue(file.toFile(), devices);
        return devices;
    }

    /** One device: keeps {@code --inflight} QoS 1 publishes outstanding until stopped. */
    private final class Publisher {
        private final SimDevice device;
        private final Recorder latencies;
        private final AtomicLong acked;
        private final AtomicLong failed;
        private final Semaphore window = new Semaphore(inflight);
        private final MqttAsyncClient client;
        private volatile boolean running = true;
        // From the current time in ms: a re-run with the same devices must not be taken for duplicates.
        private long seq = System.currentTimeMillis();

        Publisher(SimDevice device, Recorder latencies, AtomicLong acked, AtomicLong failed) throws Exception {
            this.device = device;
            this.latencies = latencies;
            this.acked = acked;
            this.failed = failed;
            this.client = new MqttAsyncClient(mqttUrl, "load-" + device.deviceId(), new MemoryPersistence());
        }

        void connect() throws Exception {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName(device.deviceId());
            options.setPassword(device.token().toCharArray());
            options.setMaxInflight(Math.max(10, inflight * 2));
            options.setKeepAliveInterval(60);
            options.setConnectionTimeout(60);
            client.connect(options).waitForCompletion(60_000);
        }

        void run() {
            String topic = "devices/" + device.deviceId() + "/telemetry";
            long intervalNanos = ratePerDevice > 0 ? (long) (1e9 / ratePerDevice) : 0;
            // Spread the devices' first messages over one interval, as real devices are not in step.
            long nextSend = System.nanoTime() + (long) (Math.random() * intervalNanos);
            while (running) {
                try {
                    if (intervalNanos > 0) {
                        long wait = nextSend - System.nanoTime();
                        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                        nextSend += intervalNanos;
                    }
                    if (!window.tryAcquire(1, TimeUnit.SECONDS)) continue;
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("ts", System.currentTimeMillis());
                    body.put("seq", ++seq);
                    body.put("readings", Map.of("smoke_obscuration_db_m", 0.04, "temperature_c", 21.5, "battery_pct", 90));
                    MqttMessage message = new MqttMessage(JSON.writeValueAsBytes(body));
                    message.setQos(1);
                    long sentAt = System.nanoTime();
                    client.publish(topic, message, null, new IMqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            latencies.recordValue((System.nanoTime() - sentAt) / 1000);
                            acked.incrementAndGet();
                            window.release();
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable exception) {
                            failed.incrementAndGet();
                            window.release();
                        }
                    });
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failed.incrementAndGet();
                    window.release();
                    if (!client.isConnected()) return;
                }
            }
        }

        void stop() {
            running = false;
        }

        void close() {
            try {
                client.disconnect().waitForCompletion(5000);
                client.close();
            } catch (Exception e) {
                System.err.println(device.deviceId() + ": close failed: " + e.getMessage());
            }
        }
    }
}
