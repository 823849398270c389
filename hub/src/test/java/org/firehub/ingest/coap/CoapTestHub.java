package org.firehub.ingest.coap;

import org.firehub.testing.TestRegistry;
import org.firehub.testing.TestSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.firehub.auth.CachingDeviceAuthenticator;
import org.firehub.auth.PgPskDirectory;
import org.firehub.auth.PskDerivation;
import org.firehub.device.DeviceId;
import org.firehub.device.DeviceKindCatalogue;
import org.firehub.device.PgDeviceDirectory;
import org.firehub.ingest.DefaultIngestor;
import org.firehub.ingest.IngestMetrics;
import org.firehub.ingest.Ingestor;
import org.firehub.ingest.RejectReason;
import org.firehub.ingest.Transport;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.TestDatabase;

/**
 * A real CoAP endpoint for one test class: a fresh migrated PostgreSQL database with one venue,
 * the caching token authenticator, the PSK directory, and the real {@link DefaultIngestor} over
 * a {@link TestSink}. Both listeners on 127.0.0.1, free ports.
 */
final class CoapTestHub implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final PgSettings pg;
    final Pool pool;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final IngestMetrics ingestMetrics = new IngestMetrics(meters);
    final TestSink sink = new TestSink(2_500);
    final AtomicInteger ingestCalls = new AtomicInteger();
    final PskDerivation psks;
    final CoapIngestServer server;
    private final long venueId;

    CoapTestHub(String name, UnaryOperator<CoapSettings> customise) throws SQLException {
        pg = TestDatabase.migrated(name);
        pool = pg.pool(vertx, 4);
        venueId = insertVenue();
        byte[] hubKey = new byte[PskDerivation.HUB_KEY_BYTES];
        new SecureRandom().nextBytes(hubKey);
        psks = PskDerivation.of(hubKey);
        Ingestor real = DefaultIngestor.create(vertx, catalogue(), sink, ingestMetrics, Clock.systemUTC());
        Ingestor counting = (device, transport, channel, body, format) -> {
            ingestCalls.incrementAndGet();
            return real.accept(device, transport, channel, body, format);
        };
        CachingDeviceAuthenticator auth = CachingDeviceAuthenticator.create(vertx,
                new PgDeviceDirectory(pool)::findCredentials, meters);
        CoapSettings settings = customise.apply(CoapSettings.defaults().withListeners("127.0.0.1", 0, 0));
        server = CoapIngestServer.create(vertx, settings, auth, new PgPskDirectory(pool), psks, counting,
                ingestMetrics, meters);
        server.start();
    }

    CoapTestHub(String name) throws SQLException {
        this(name, UnaryOperator.identity());
    }

    static DeviceKindCatalogue catalogue() {
        for (Path candidate : new Path[] {Path.of("../config/device-kinds.yaml"), Path.of("config/device-kinds.yaml")}) {
            if (candidate.toFile().exists()) {
                try {
                    return DeviceKindCatalogue.load(candidate);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("config/device-kinds.yaml not found");
    }

    String plainUri(String path) {
        return "coap://127.0.0.1:" + server.port() + path;
    }

    String secureUri(String path) {
        return "coaps://127.0.0.1:" + server.dtlsPort() + path;
    }

    /** Registers a smoke alarm in the test venue; returns its token. */
    String registerDevice(String deviceId) throws SQLException {
        return TestRegistry.insertDevice(pg, deviceId, "smoke", venueId);
    }

    /** The device's current PSK (hex text), derived the way the hub does. */
    String pskOf(String deviceId) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT psk_version FROM devices WHERE device_id = ?")) {
            s.setString(1, deviceId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) throw new IllegalArgumentException("no device " + deviceId);
                return psks.derive(new DeviceId(deviceId), rs.getInt(1)).secret();
            }
        }
    }

    long venueId() {
        return venueId;
    }

    double rejected(RejectReason reason) {
        return meters.get("firehub.ingest.rejected").tag("transport", Transport.COAP.label())
                .tag("reason", reason.label()).counter().count();
    }

    double accepted() {
        return meters.get("firehub.ingest.accepted").tag("transport", Transport.COAP.label()).counter().count();
    }

    double handshakes(String result) {
        return meters.get("firehub_coap_dtls_handshakes_total").tag("result", result).counter().count();
    }

    double connectedDevices() {
        return meters.get("firehub_connected_devices").tag("transport", "coap").gauge().value();
    }

    private long insertVenue() throws SQLException {
        return TestRegistry.insertVenue(pg, "Tea house", "grid-5");
    }

    Connection connect() throws SQLException {
        return TestRegistry.connect(pg);
    }

    @Override
    public void close() {
        server.stop();
        sink.close();
        try {
            pool.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("test hub did not stop in time", e);
        }
    }
}
