package org.firehub.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.firehub.runtime.PgSettings;

/** Reads the outbox table directly (JDBC, on the test thread) to check what the code under test did. */
final class OutboxRows {
    record Stored(long id, String webhook, String type, JsonObject payload, String state, int attempts,
                  String lastError, boolean deliveredAtSet) {}

    private final PgSettings pg;

    OutboxRows(PgSettings pg) {
        this.pg = pg;
    }

    List<Stored> of(String webhook) {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             PreparedStatement q = c.prepareStatement("SELECT id, webhook, type, payload::text, state, attempts, last_error, "
                     + "delivered_at IS NOT NULL FROM notification_outbox WHERE webhook = ? ORDER BY id")) {
            q.setString(1, webhook);
            List<Stored> rows = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), new JsonObject(rs.getString(4)),
                            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getBoolean(8)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Stored only(String webhook) {
        List<Stored> rows = of(webhook);
        if (rows.size() != 1) throw new AssertionError("expected one outbox row for " + webhook + ", found " + rows);
        return rows.get(0);
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
