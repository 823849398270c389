package org.firehub.rules.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.firehub.auth.SecretTokens;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.ingest.DeviceMessage;
import org.firehub.rules.RuleBook;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.Await;
import org.firehub.testing.TestDatabase;
import org.firehub.testing.TestRegistry;

/** A migrated database, a Vert.x instance and a PG pool for one engine test class, with helpers. */
final class EngineFixture implements AutoCloseable {
    static final EngineSettings FAST = new EngineSettings(2, Duration.ofHours(1), Duration.ofHours(1),
            Duration.ofMillis(10), Duration.ofMillis(100), 100_000);

    final PgSettings pg;
    final Vertx vertx = Vertx.vertx();
    final Pool pool;

    EngineFixture(String prefix) {
        pg = TestDatabase.migrated(prefix);
        pool = pg.pool(vertx, 4);
    }

    long venue(String type, String grid) throws SQLException {
        try (Connection c = TestRegistry.connect(pg); PreparedStatement s = c.prepareStatement(
                "INSERT INTO venues (name, address, type, grid, qr_token) VALUES ('V', '1 Test Street', ?, ?, ?) RETURNING id")) {
            s.setString(1, type);
            s.setString(2, grid);
            s.setString(3, SecretTokens.generate());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    Device device(String id, String kind, long venueId, String grid) throws SQLException {
        TestRegistry.insertDevice(pg, id, kind, venueId);
        return new Device(new DeviceId(id), kind, venueId, grid);
    }

    /** Runs SQL straight on the test database (e.g. to age a device's registration). */
    void sql(String statement) throws SQLException {
        try (Connection c = TestRegistry.connect(pg)) {
            c.createStatement().execute(statement);
        }
    }

    RuleEngine start(Supplier<RuleBook> rules, RecordingSink sink, Clock clock) {
        return start(rules, sink, clock, new SimpleMeterRegistry());
    }

    RuleEngine start(Supplier<RuleBook> rules, RecordingSink sink, Clock clock, MeterRegistry meters) {
        return await(RuleEngine.create(vertx, pool, rules, sink, clock, meters, FAST));
    }

    static DeviceMessage reading(Device device, long ts, String name, double value) {
        return new DeviceMessage(device, ts, OptionalLong.empty(), Map.of(name, value), List.of(), ts);
    }

    static DeviceMessage events(Device device, long ts, String... events) {
        return new DeviceMessage(device, ts, OptionalLong.empty(), Map.of(), List.of(events), ts);
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    /** Waits until the engine has evaluated everything stored so far and the sink has confirmed every decision. */
    static void settled(RuleEngine engine) {
        await(engine.processed());
        Await.until("alarm decisions stored", Duration.ofSeconds(20), () -> engine.sinkPending() == 0);
    }

    @Override
    public void close() {
        await(pool.close());
        await(vertx.close());
    }
}
