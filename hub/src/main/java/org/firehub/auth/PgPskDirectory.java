package org.firehub.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;

/** {@link PskDirectory} over PostgreSQL: one prepared query, the device with its venue's grid and its PSK version. */
public final class PgPskDirectory implements PskDirectory {
    private static final String FIND = """
            SELECT d.kind, d.venue_id, v.grid, d.psk_version
              FROM devices d JOIN venues v ON v.id = d.venue_id
             WHERE d.device_id = $1""";

    private final Pool pool;

    public PgPskDirectory(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Optional<PskDevice>> find(DeviceId id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id.value()))
                .map(rows -> {
                    var iterator = rows.iterator();
                    return iterator.hasNext() ? Optional.of(toPskDevice(id, iterator.next())) : Optional.<PskDevice>empty();
                })
                .recover(e -> Future.failedFuture(
                        new IllegalStateException("device " + id + ": PSK lookup failed: " + e.getMessage(), e)));
    }

    private static PskDevice toPskDevice(DeviceId id, Row row) {
        return new PskDevice(new Device(id, row.getString("kind"), row.getLong("venue_id"), row.getString("grid")),
                row.getInteger("psk_version"));
    }
}
