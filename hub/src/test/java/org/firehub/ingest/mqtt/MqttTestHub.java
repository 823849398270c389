package org.firehub.ingest.mqtt;

import org.firehub.testing.TestRegistry;
import org.firehub.testing.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.firehub.auth.CachingDeviceAuthenticator;
import org.firehub.device.PgDeviceDirectory;
import org.firehub.ingest.RejectReason;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.TestDatabase;

/**
 * A real MQTT endpoint for one test class: a fresh migrated PostgreSQL database with one venue,
 * the caching authenticator over {@link PgDeviceDirectory}, and a {@link RecordingIngestor}.
 */
final class MqttTestHub implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final PgSettings pg;
    final Pool pool;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RecordingIngestor ingestor = new RecordingIngestor();
    final Map<RejectReason, LongAdder> refusals = new ConcurrentHashMap<>();
    final AtomicInteger dbLookups = new AtomicInteger();
    final CachingDeviceAuthenticator authenticator;
    final MqttConnectionHandler handler;
    final MqttIngestServer server;
    final int port;
    private final long venueId;

    MqttTestHub(String name, UnaryOperator<MqttSettings> customise) throws Exception {
        pg = TestDatabase.migrated(name);
        pool = pg.pool(vertx, 4);
        venueId = insertVenue();
        PgDeviceDirectory directory = new PgDeviceDirectory(pool);
        authenticator = CachingDeviceAuthenticator.create(vertx, id -> {
            dbLookups.incrementAndGet();
            return directory.findCredentials(id);
        }, meters);
        MqttSettings settings = customise.apply(MqttSettings.defaults().withListener("127.0.0.1", 0));
        handler = MqttConnectionHandler.create(vertx, settings, authenticator, ingestor,
                reason -> refusals.computeIfAbsent(reason, r -> new LongAdder()).increment(), meters);
        server = MqttIngestServer.plain(vertx, handler);
        port = server.listen().await(10, TimeUnit.SECONDS);
    }

    MqttTestHub(String name) throws Exception {
        this(name, UnaryOperator.identity());
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Registers a device of kind smoke in the test venue; returns its token. */
    String registerDevice(String deviceId) throws SQLException {
        return TestRegistry.insertDevice(pg, deviceId, "smoke", venueId);
    }

    long refused(RejectReason reason) {
        LongAdder adder = refusals.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    double connectedDevices() {
        return meters.get("firehub_connected_devices").tag("transport", "mqtt").gauge().value();
    }

    double authLookups(String result) {
        return meters.get("firehub_auth_lookups_total").tag("result", result).counter().count();
    }

    void awaitNoConnections() {
        Await.until("all MQTT connections closed", Duration.ofSeconds(10), () -> handler.registry().size() == 0);
    }

    long venueId() {
        return venueId;
    }

    private long insertVenue() throws SQLException {
        return TestRegistry.insertVenue(pg, "Noodle shop", "grid-7");
    }

    private Connection connect() throws SQLException {
        return TestRegistry.connect(pg);
    }

    @Override
    public void close() {
        try {
            server.close().await(10, TimeUnit.SECONDS);
            pool.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("test hub did not stop in time", e);
        }
    }
}
