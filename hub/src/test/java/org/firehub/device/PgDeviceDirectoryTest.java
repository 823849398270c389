package org.firehub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.firehub.auth.SecretTokens;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgDeviceDirectoryTest {
    private static final String TOKEN = SecretTokens.generate();
    private static Vertx vertx;
    private static PgSettings pg;
    private static Pool pool;
    private static long venueId;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        pg = TestDatabase.migrated("device_directory");
        pool = pg.pool(vertx, 2);
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
            try (ResultSet rs = c.createStatement().executeQuery("INSERT INTO venues (name, address, type, grid, qr_token) "
                    + "VALUES ('Rental house 12', '12 Lane', 'rental_housing', 'grid-3', 'qr-1') RETURNING id")) {
                rs.next();
                venueId = rs.getLong(1);
            }
            var insert = c.prepareStatement("INSERT INTO devices (device_id, kind, venue_id, token_hash) VALUES ('gas-9', 'gas', ?, ?)");
            insert.setLong(1, venueId);
            insert.setBytes(2, SecretTokens.hash(TOKEN));
            insert.executeUpdate();
        }
    }

    @AfterAll
    static void stop() {
        pool.close();
        vertx.close();
    }

    @Test
    void findsDeviceWithItsVenueGridAndTokenHash() throws Exception {
        Optional<DeviceCredentials> found = await(new PgDeviceDirectory(pool).findCredentials(new DeviceId("gas-9")));
        assertThat(found).isPresent();
        assertThat(found.get().device()).isEqualTo(new Device(new DeviceId("gas-9"), "gas", venueId, "grid-3"));
        assertThat(SecretTokens.matches(TOKEN, found.get().tokenHash())).isTrue();
        assertThat(found.get()).isEqualTo(new DeviceCredentials(found.get().device(), SecretTokens.hash(TOKEN)));
    }

    @Test
    void unknownDeviceIsEmpty() throws Exception {
        assertThat(await(new PgDeviceDirectory(pool).findCredentials(new DeviceId("gas-10")))).isEmpty();
    }

    @Test
    void unreachableDatabaseFailsWithTheDeviceNamed() {
        PgSettings nowhere = new PgSettings("127.0.0.1", 1, pg.database(), pg.user(), pg.password());
        Pool dead = nowhere.pool(vertx, 1);
        try {
            assertThatThrownBy(() -> await(new PgDeviceDirectory(dead).findCredentials(new DeviceId("gas-9"))))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("device gas-9");
        } finally {
            dead.close();
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
