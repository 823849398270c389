package org.firehub.ingest.bridge;

import org.firehub.testing.TestSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.firehub.auth.CredentialsLookup;
import org.firehub.device.Device;
import org.firehub.device.DeviceCredentials;
import org.firehub.device.DeviceId;
import org.firehub.device.DeviceKindCatalogue;
import org.firehub.ingest.Channel;
import org.firehub.ingest.DefaultIngestor;
import org.firehub.ingest.IngestMetrics;
import org.firehub.ingest.Ingestor;
import org.firehub.ingest.RejectReason;

/**
 * One hub's worth of ingest for bridge tests: the real {@link DefaultIngestor} over a
 * {@link TestSink}, a device directory held in memory, the meters in a Prometheus registry.
 */
final class BridgeHarness implements AutoCloseable {
    static final String SITE_TELEMETRY = "site/+/dev/{deviceId}/telemetry";
    static final String SITE_EVENTS = "site/+/dev/{deviceId}/events";

    final Vertx vertx = Vertx.vertx();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final IngestMetrics ingestMetrics = new IngestMetrics(registry);
    final TestSink sink = new TestSink(50);
    final Ingestor ingestor = DefaultIngestor.create(vertx, catalogue(), sink, ingestMetrics, Clock.systemUTC());
    final Map<String, Device> registered = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();
    volatile boolean directoryDown;
    final CredentialsLookup directory = id -> {
        lookups.incrementAndGet();
        if (directoryDown) return Future.failedFuture(new IllegalStateException("device directory unreachable (test)"));
        return Future.succeededFuture(Optional.ofNullable(registered.get(id.value()))
                .map(device -> new DeviceCredentials(device, new byte[32])));
    };
    private final List<MqttBridge> bridges = new ArrayList<>();

    Device register(String id) {
        Device device = new Device(new DeviceId(id), "smoke", 17, "grid-3");
        registered.put(id, device);
        return device;
    }

    /** A bridge subscribed to {@code site/+/dev/{deviceId}/telemetry|events}, started. */
    MqttBridge bridge(String name, String url, String clientId) {
        return bridge(BridgeConfig.create(name, url, clientId, List.of(
                new TopicMapping(SITE_TELEMETRY, Channel.TELEMETRY), new TopicMapping(SITE_EVENTS, Channel.EVENTS))));
    }

    MqttBridge bridge(BridgeConfig config) {
        return bridge(config, ingestor);
    }

    MqttBridge bridge(BridgeConfig config, Ingestor through) {
        try {
            MqttBridge bridge = Bridges.create(vertx, config, through, directory, ingestMetrics, registry);
            bridges.add(bridge);
            bridge.start();
            return bridge;
        } catch (Exception e) {
            throw new AssertionError("bridge did not start: " + e, e);
        }
    }

    double bridgeCount(String bridge, String outcome) {
        Counter counter = registry.find("firehub.bridge.messages").tag("bridge", bridge).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    double retries(String bridge, String cause) {
        return registry.find("firehub.bridge.retries").tag("bridge", bridge).tag("cause", cause).counter().count();
    }

    double connectedGauge(String bridge) {
        var gauge = registry.find("firehub.bridge.connected").tag("bridge", bridge).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    double rejected(RejectReason reason) {
        return registry.find("firehub.ingest.rejected").tag("transport", "bridge").tag("reason", reason.label())
                .counter().count();
    }

    List<String> storedDeviceIds() {
        return sink.stored().stream().map(m -> m.device().id().value()).toList();
    }

    /** Publishes with Debian's {@code mosquitto_pub}: a client the hub did not write. */
    static void mosquittoPub(int port, String topic, String body) {
        try {
            Process process = new ProcessBuilder("/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port),
                    "-q", "1", "-V", "mqttv311", "-t", topic, "-m", body).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("mosquitto_pub failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A plain Paho publisher (QoS 1 publishes complete when the broker has them). */
    static MqttAsyncClient publisher(String url) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, "pub-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1_000);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    static <T> T awaitQuietly(Future<T> future) {
        try {
            return future.await(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out", e);
        }
    }

    /** Publishes every message at QoS 1, keeping at most {@code window} unconfirmed by the broker. */
    static void publishAll(MqttAsyncClient client, List<Map.Entry<String, byte[]>> messages, int window) throws Exception {
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(window);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        for (Map.Entry<String, byte[]> message : messages) {
            if (!slots.tryAcquire(20, TimeUnit.SECONDS)) throw new AssertionError("broker stopped confirming publishes");
            if (failure.get() != null) throw new AssertionError("publish failed", failure.get());
            client.publish(message.getKey(), message.getValue(), 1, false, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
                @Override
                public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
                    slots.release();
                }

                @Override
                public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable cause) {
                    failure.compareAndSet(null, cause);
                    slots.release();
                }
            });
        }
        if (!slots.tryAcquire(window, 30, TimeUnit.SECONDS)) throw new AssertionError("publishes not all confirmed");
        if (failure.get() != null) throw new AssertionError("publish failed", failure.get());
    }

    static void closeQuietly(MqttAsyncClient client) {
        try {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        } catch (Exception e) {
            // the test is over; a publisher that will not close cleanly changes nothing
        }
    }

    static DeviceKindCatalogue catalogue() {
        for (Path candidate : new Path[] {Path.of("../config/device-kinds.yaml"), Path.of("config/device-kinds.yaml")}) {
            if (Files.exists(candidate)) {
                try {
                    return DeviceKindCatalogue.load(candidate);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("config/device-kinds.yaml not found from " + Path.of("").toAbsolutePath());
    }

    @Override
    public void close() {
        for (MqttBridge bridge : bridges) awaitQuietly(bridge.close());
        sink.close();
        awaitQuietly(vertx.close());
    }
}
