package org.firehub.sim;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.firehub.sim.bench.MosquittoBroker;
import org.firehub.sim.bench.PromMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./firehub bench bridge}: messages through an external broker into the running hub's MQTT
 * bridge. Starts a real Mosquitto on {@code --broker-port} (the hub must have been started with a
 * bridge to it, see {@link #BRIDGE_CONFIG}), waits for the bridge to connect, publishes QoS 1
 * readings of registered bench devices to Mosquitto, and times them until the hub counts every one
 * stored (durable in its spool: the bridge acknowledges to Mosquitto only then).
 */
@Command(name = "bridge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publisher -> a real Mosquitto -> the running hub's bridge -> spool: messages/s stored.",
                "The hub needs a bridge to the broker port, e.g. FIREHUB_BRIDGES_FILE with:", "", BridgeBenchCommand.BRIDGE_CONFIG})
final class BridgeBenchCommand implements Callable<Integer> {
    static final String BRIDGE_CONFIG = """
            bridges:
              - name: bench
                url: tcp://127.0.0.1:31884
                clientId: firehub-bench
                reconnectMinSeconds: 1
                reconnectMaxSeconds: 2
                topics:
                  - pattern: bench/{deviceId}/telemetry
                    channel: telemetry
            """;

    @Option(names = "--messages", defaultValue = "20000", description = "QoS 1 messages to publish (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--devices", defaultValue = "50", description = "Bench devices the messages come from (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--publish-inflight", defaultValue = "500",
            description = "QoS 1 publishes the publisher keeps unacknowledged by Mosquitto (default: ${DEFAULT-VALUE}).")
    int publishInflight;

    @Option(names = "--broker-port", defaultValue = "31884", description = "Port the bench's Mosquitto listens on (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--broker-inflight", defaultValue = "20",
            description = "Mosquitto's max_inflight_messages towards the hub's bridge; 20 is Mosquitto's default, 0 unlimited "
                    + "(default: ${DEFAULT-VALUE}).")
    int brokerInflight;

    @Option(names = "--bridge", defaultValue = "bench", description = "The bridge's name in the hub's bridges file (default: ${DEFAULT-VALUE}).")
    String bridge;

    @Option(names = "--topic-prefix", defaultValue = "bench", description = "Topics are PREFIX/{deviceId}/telemetry (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:${env:FIREHUB_HTTP_PORT:-8080}",
            description = "Hub HTTP base URL: device registration and /metrics (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--user", defaultValue = "admin", description = "Operator user; password from FIREHUB_ADMIN_PASSWORD (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--home", defaultValue = "${env:FIREHUB_HOME:-var}",
            description = "Where bench-devices.json is kept (default: ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--timeout", defaultValue = "180", converter = DurationConverter.class,
            description = "How long to wait for the bridge to connect and then for every message to be stored (default: ${DEFAULT-VALUE} s).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        if (messages < 1 || devices < 1 || publishInflight < 1) return usage("--messages, --devices and --publish-inflight must be >= 1");
        String password = System.getenv("FIREHUB_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) return usage("FIREHUB_ADMIN_PASSWORD must hold the operator password");
        List<SimDevice> fleet = BenchCommand.BenchFleet.ensure(home.resolve("bench-devices.json"), devices, url, user, password)
                .devices().subList(0, devices);
        String connected = "firehub_bridge_connected", stored = "firehub_bridge_messages_total";
        String label = "bridge=\"" + bridge + "\"";
        try (MosquittoBroker broker = MosquittoBroker.start(brokerPort, brokerInflight)) {
            System.out.printf("bench bridge: mosquitto (pid %d) on 127.0.0.1:%d, max_inflight_messages %d; waiting for the hub's bridge '%s'%n",
                    broker.pid(), brokerPort, brokerInflight, bridge);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (PromMetrics.sum(PromMetrics.scrape(url), connected, label) < 1) {
                if (System.nanoTime() > deadline) {
                    return usage("the hub's bridge '" + bridge + "' did not connect to 127.0.0.1:" + brokerPort + " within "
                            + timeout.toSeconds() + " s; start the hub with FIREHUB_BRIDGES_FILE pointing at:\n" + BRIDGE_CONFIG);
                }
                Thread.sleep(200);
            }
            String storedLabel = label + ",outcome=\"stored\"";
            double before = PromMetrics.sum(PromMetrics.scrape(url), stored, storedLabel);
            MqttAsyncClient publisher = new MqttAsyncClient("tcp://127.0.0.1:" + brokerPort, "bench-publisher-" + ProcessHandle.current().pid(),
                    new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setMaxInflight(publishInflight);
            publisher.connect(options).waitForCompletion(10_000);
            long seqBase = System.currentTimeMillis();
            long start = System.nanoTime();
            try {
                publishAll(publisher, fleet, seqBase);
            } finally {
                publisher.disconnect().waitForCompletion(10_000);
                publisher.close();
            }
            double published = (System.nanoTime() - start) / 1e9;
            double count = before;
            while ((count = PromMetrics.sum(PromMetrics.scrape(url), stored, storedLabel)) - before < messages && System.nanoTime() < deadline + timeout.toNanos()) {
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long arrived = Math.round(count - before);
            System.out.printf("%nbridge: %d QoS 1 messages from %d devices, publisher -> mosquitto (max_inflight_messages %d) -> hub bridge '%s' -> spool%n",
                    messages, devices, brokerInflight, bridge);
            System.out.printf("published in %.2f s; stored %d of %d in %.2f s: %.0f messages/s stored (durable)%n", published, arrived, messages,
                    seconds, arrived / seconds);
            return arrived == messages ? 0 : 1;
        }
    }

    /** Publishes every message, at most {@code publishInflight} unacknowledged by Mosquitto at once. */
    private void publishAll(MqttAsyncClient publisher, List<SimDevice> fleet, long seqBase) throws Exception {
        Semaphore window = new Semaphore(publishInflight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        IMqttActionListener release = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                failure.compareAndSet(null, e);
                window.release();
            }
        };
        for (int i = 0; i < messages; i++) {
            if (failure.get() != null) throw new IllegalStateException("publish failed: " + failure.get(), failure.get());
            window.acquire();
            SimDevice device = fleet.get(i % fleet.size());
            // Per device the seqs rise, from the current time in ms: a re-run is stored, not taken for duplicates.
            byte[] body = ("{\"seq\":" + (seqBase + i / fleet.size()) + ",\"readings\":{\"battery_pct\":" + (i % 100)
                    + ",\"temperature_c\":21.5}}").getBytes(StandardCharsets.UTF_8);
            MqttMessage message = new MqttMessage(body);
            message.setQos(1);
            publisher.publish(topicPrefix + "/" + device.deviceId() + "/telemetry", message, null, release);
        }
        if (!window.tryAcquire(publishInflight, 60, TimeUnit.SECONDS)) throw new IllegalStateException("mosquitto did not acknowledge every publish in 60 s");
        if (failure.get() != null) throw new IllegalStateException("publish failed: " + failure.get(), failure.get());
    }

    private static int usage(String problem) {
        System.err.println("firehub bench bridge: " + problem);
        return 2;
    }
}
