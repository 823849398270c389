package org.firehub.ingest.bridge;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.firehub.auth.CredentialsLookup;
import org.firehub.ingest.IngestMetrics;
import org.firehub.ingest.Ingestor;

/**
 * The running bridges of a hub: one {@link MqttBridge} per configured broker, each on its own
 * Vert.x context. Starting never waits for a broker: a bridge whose broker is down keeps
 * retrying and says so in {@link #health()}.
 */
public final class Bridges {
    private final List<MqttBridge> bridges;

    private Bridges(List<MqttBridge> bridges) {
        this.bridges = List.copyOf(bridges);
    }

    /**
     * Starts every configured bridge. Fails (with the bridge named) only on a configuration that
     * cannot work, such as an unreadable CA file; then none is left running.
     *
     * @param devices where registered devices are looked up (production: {@code PgDeviceDirectory::findCredentials})
     */
    public static Bridges start(Vertx vertx, BridgesConfig config, Ingestor ingestor, CredentialsLookup devices,
                                IngestMetrics ingestMetrics, MeterRegistry registry) throws BridgeConfigException {
        List<MqttBridge> started = new ArrayList<>();
        for (BridgeConfig bridge : config.bridges()) {
            MqttBridge created;
            try {
                created = create(vertx, bridge, ingestor, devices, ingestMetrics, registry);
            } catch (BridgeConfigException | MqttException | RuntimeException e) {
                started.forEach(MqttBridge::close);
                throw new BridgeConfigException("bridge " + bridge.name() + ": " + e.getMessage(), e);
            }
            started.add(created);
        }
        started.forEach(MqttBridge::start);
        return new Bridges(started);
    }

    static MqttBridge create(Vertx vertx, BridgeConfig bridge, Ingestor ingestor, CredentialsLookup devices,
                             IngestMetrics ingestMetrics, MeterRegistry registry) throws BridgeConfigException, MqttException {
        // Called off the event loops (at start-up) this is a fresh context per bridge: its work ordered, its state confined.
        Context context = vertx.getOrCreateContext();
        BridgeMetrics metrics = new BridgeMetrics(registry, bridge.name());
        BridgedMessages messages = new BridgedMessages(vertx, context, bridge,
                new BridgedDevices(devices, context, System::nanoTime), ingestor, ingestMetrics, metrics);
        return new MqttBridge(vertx, context, bridge, MqttBridge.optionsOf(bridge), messages, metrics);
    }

    /** One entry per bridge, for /health: a bridge that is not {@code connected} names its last error. */
    public List<BridgeHealth> health() {
        return bridges.stream().map(MqttBridge::health).toList();
    }

    public boolean allConnected() {
        return bridges.stream().allMatch(bridge -> bridge.health().connected());
    }

    /**
     * A /health part: succeeds when every bridge is connected (or there are none), otherwise
     * fails naming each bridge that is not, with its last error.
     */
    public Future<Void> check() {
        List<String> down = health().stream().filter(h -> !h.connected())
                .map(h -> h.name() + " (" + h.serverUri() + "): " + h.lastError().orElse("not connected yet")).toList();
        return down.isEmpty() ? Future.succeededFuture()
                : Future.failedFuture(new IllegalStateException("bridge not connected: " + String.join("; ", down)));
    }

    /** Disconnects every bridge; what was not acknowledged stays with the brokers. */
    public Future<Void> close() {
        return Future.all(bridges.stream().map(MqttBridge::close).toList()).mapEmpty();
    }
}
