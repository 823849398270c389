package org.firehub.device;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * Looks registered devices up in PostgreSQL without blocking: one prepared query over the
 * Vert.x PG client joining the device's venue for its grid tag.
 */
public final class PgDeviceDirectory {
    private static final String FIND_CREDENTIALS = """
            SELECT d.kind, d.venue_id, v.grid, d.token_hash
              FROM devices d JOIN venues v ON v.id = d.venue_id
             WHERE d.device_id = $1""";

    private final Pool pool;

    public PgDeviceDirectory(Pool pool) {
        this.pool = pool;
    }

    /** The device and its token hash, or empty when no such device is registered. */
    public Future<Optional<DeviceCredentials>> findCredentials(DeviceId id) {
        return pool.preparedQuery(FIND_CREDENTIALS).execute(Tuple.of(id.value()))
                .map(rows -> firstRow(rows).map(row -> toCredentials(id, row)))
                .recover(e -> Future.failedFuture(
                        new IllegalStateException("device " + id + ": credentials lookup failed: " + e.getMessage(), e)));
    }

    private static Optional<Row> firstRow(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }

    private static DeviceCredentials toCredentials(DeviceId id, Row row) {
        Device device = new Device(id, row.getString("kind"), row.getLong("venue_id"), row.getString("grid"));
        return new DeviceCredentials(device, row.getBuffer("token_hash").getBytes());
    }
}
