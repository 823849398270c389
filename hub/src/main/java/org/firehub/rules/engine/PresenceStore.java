package org.firehub.rules.engine;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;

/**
 * Device presence in PostgreSQL ({@code device_presence}, migration V4): loads every registered
 * device with its last-seen time at start, and writes last-seen times in batches, so a restart
 * neither takes every device for silent nor forgets one that was.
 *
 * <p>Shard threads record a sighting with {@link #seen} (a map merge, no I/O); {@link #flush}
 * writes whatever changed since the last flush as one upsert per chunk of unnest arrays.
 */
final class PresenceStore {
    private static final int CHUNK = 5_000;

    private static final String SELECT = """
            SELECT d.device_id, d.kind, d.venue_id, v.grid, v.type,
                   COALESCE(p.last_seen_at, d.created_at) AS last_seen_at
            FROM devices d
            JOIN venues v ON v.id = d.venue_id
            LEFT JOIN device_presence p ON p.device_id = d.device_id""";

    // The join drops sightings of devices deleted meanwhile, which the foreign key would refuse.
    private static final String UPSERT = """
            INSERT INTO device_presence (device_id, last_seen_at)
            SELECT u.device_id, u.last_seen_at
            FROM unnest($1::text[], $2::timestamptz[]) AS u(device_id, last_seen_at)
            JOIN devices d ON d.device_id = u.device_id
            ON CONFLICT (device_id) DO UPDATE
            SET last_seen_at = GREATEST(device_presence.last_seen_at, EXCLUDED.last_seen_at)""";

    private final Pool pool;
    private final Map<String, Long> unsaved = new ConcurrentHashMap<>();

    PresenceStore(Pool pool) {
        this.pool = pool;
    }

    Future<List<KnownDevice>> loadAll() {
        return pool.query(SELECT).execute().map(rows -> {
            List<KnownDevice> out = new ArrayList<>(rows.size());
            rows.forEach(row -> out.add(known(row)));
            return out;
        });
    }

    Future<Optional<KnownDevice>> load(String deviceId) {
        return pool.preparedQuery(SELECT + " WHERE d.device_id = $1").execute(Tuple.of(deviceId)).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? Optional.of(known(it.next())) : Optional.empty();
        });
    }

    /** Called from shard threads for every message; cheap. */
    void seen(String deviceId, long atMillis) {
        unsaved.merge(deviceId, atMillis, Math::max);
    }

    int unsaved() {
        return unsaved.size();
    }

    /** Writes the sightings recorded since the last flush; on failure they are kept for the next one. */
    Future<Integer> flush() {
        if (unsaved.isEmpty()) return Future.succeededFuture(0);
        List<String> ids = new ArrayList<>(unsaved.size());
        List<Long> times = new ArrayList<>(unsaved.size());
        for (var entry : unsaved.entrySet()) {
            // Removing only the value read keeps a newer sighting recorded meanwhile for the next flush.
            if (unsaved.remove(entry.getKey(), entry.getValue())) {
                ids.add(entry.getKey());
                times.add(entry.getValue());
            }
        }
        Future<Integer> chain = Future.succeededFuture(0);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            int start = from;
            int end = Math.min(ids.size(), from + CHUNK);
            chain = chain.compose(written -> writeChunk(ids.subList(start, end), times.subList(start, end))
                    .map(n -> written + n)
                    .recover(failure -> {
                        for (int i = start; i < ids.size(); i++) seen(ids.get(i), times.get(i));
                        return Future.failedFuture(new IllegalStateException(
                                "saving presence of " + (ids.size() - start) + " devices failed; kept for the next flush", failure));
                    }));
        }
        return chain;
    }

    private Future<Integer> writeChunk(List<String> ids, List<Long> times) {
        String[] idArray = ids.toArray(String[]::new);
        OffsetDateTime[] timeArray = times.stream()
                .map(t -> OffsetDateTime.ofInstant(Instant.ofEpochMilli(t), ZoneOffset.UTC)).toArray(OffsetDateTime[]::new);
        return pool.preparedQuery(UPSERT).execute(Tuple.of((Object) idArray, (Object) timeArray)).map(rows -> rows.rowCount());
    }

    private static KnownDevice known(Row row) {
        Device device = new Device(new DeviceId(row.getString("device_id")), row.getString("kind"),
                row.getLong("venue_id"), row.getString("grid"));
        return new KnownDevice(device, row.getString("type"),
                row.getOffsetDateTime("last_seen_at").toInstant().toEpochMilli());
    }
}
