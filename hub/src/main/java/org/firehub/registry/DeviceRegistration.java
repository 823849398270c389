package org.firehub.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.firehub.auth.DevicePsk;
import org.firehub.auth.PskDerivation;
import org.firehub.auth.PskRotationListener;
import org.firehub.auth.SecretTokens;
import org.firehub.device.DeviceId;
import org.firehub.device.DeviceKindCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers devices: checks the id, the kind (against the catalogue) and the venue, issues a
 * secret token ({@link SecretTokens#generate}), stores only its hash and returns the token once.
 * With a {@link PskDerivation} it also returns the device's DTLS PSK (version 1, derived, never
 * stored) and rotates it on request.
 */
public final class DeviceRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistration.class);
    private static final String INSERT = "INSERT INTO devices (device_id, kind, venue_id, token_hash) VALUES ($1, $2, $3, $4)";
    static final String UNIQUE_VIOLATION = "23505";
    static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Pool pool;
    private final DeviceKindCatalogue catalogue;
    private final DeviceRegistrationListener listener;
    private final Counter registeredByApi;
    private final Counter registeredByImport;
    private final Optional<PskDerivation> psks;
    private final PskRotationListener rotationListener;

    /** Without DTLS PSKs: registration returns tokens only, rotation is refused. */
    public DeviceRegistration(Pool pool, DeviceKindCatalogue catalogue, MeterRegistry meters,
                              DeviceRegistrationListener listener) {
        this(pool, catalogue, meters, listener, Optional.empty(), PskRotationListener.NONE);
    }

    /** With DTLS PSKs derived by {@code psks}; {@code rotationListener} hears of every rotation. */
    public DeviceRegistration(Pool pool, DeviceKindCatalogue catalogue, MeterRegistry meters,
                              DeviceRegistrationListener listener, PskDerivation psks,
                              PskRotationListener rotationListener) {
        this(pool, catalogue, meters, listener, Optional.of(psks), rotationListener);
    }

    private DeviceRegistration(Pool pool, DeviceKindCatalogue catalogue, MeterRegistry meters,
                               DeviceRegistrationListener listener, Optional<PskDerivation> psks,
                               PskRotationListener rotationListener) {
        this.psks = psks;
        this.rotationListener = rotationListener;
        this.pool = pool;
        this.catalogue = catalogue;
        this.listener = listener;
        this.registeredByApi = registered(meters, "api");
        this.registeredByImport = registered(meters, "import");
    }

    private static Counter registered(MeterRegistry meters, String source) {
        return Counter.builder("firehub.registry.devices.registered").tag("source", source)
                .description("Devices registered").register(meters);
    }

    DeviceKindCatalogue catalogue() {
        return catalogue;
    }

    /**
     * Registers one device. Fails with {@link InvalidInput} (bad fields, unknown venue) or
     * {@link Conflict} (id already registered).
     */
    public Future<IssuedDeviceToken> register(NewDevice device) {
        List<FieldProblem> problems = DeviceRules.check(device, catalogue);
        if (!problems.isEmpty()) return Future.failedFuture(new InvalidInput(problems));
        String token = SecretTokens.generate();
        return pool.preparedQuery(INSERT).execute(insertTuple(device, token))
                .recover(failure -> Future.failedFuture(explain(failure, device)))
                .map(inserted -> {
                    registeredByApi.increment();
                    LOG.info("device {} ({}) registered at venue {}", device.deviceId(), device.kind(), device.venueId());
                    tellListener(device.deviceId());
                    return issue(device.deviceId(), token);
                });
    }

    /** True when registration hands out DTLS PSKs and {@link #rotatePsk} works. */
    public boolean issuesPsks() {
        return psks.isPresent();
    }

    /**
     * Bumps the device's PSK version and returns the new key (shown once); the old key stops
     * working for new handshakes at once, and the listener ends sessions made with it. Empty when
     * no such device is registered. Fails with {@link IllegalStateException} without PSKs.
     */
    public Future<Optional<DevicePsk>> rotatePsk(DeviceId deviceId) {
        if (psks.isEmpty()) return Future.failedFuture(new IllegalStateException("DTLS PSKs are not configured"));
        return pool.preparedQuery("UPDATE devices SET psk_version = psk_version + 1 WHERE device_id = $1 RETURNING psk_version")
                .execute(Tuple.of(deviceId.value()))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) return Optional.<DevicePsk>empty();
                    DevicePsk psk = psks.get().derive(deviceId, iterator.next().getInteger(0));
                    LOG.info("device {}: DTLS PSK rotated to version {}", deviceId, psk.version());
                    tellRotationListener(deviceId);
                    return Optional.of(psk);
                });
    }

    private IssuedDeviceToken issue(String deviceId, String token) {
        // A new device's psk_version is the column default, 1.
        return new IssuedDeviceToken(deviceId, token,
                psks.map(derivation -> derivation.derive(new DeviceId(deviceId), 1).secret()));
    }

    private void tellRotationListener(DeviceId deviceId) {
        try {
            rotationListener.rotated(deviceId);
        } catch (RuntimeException e) {
            LOG.error("PSK rotation listener failed for device {}", deviceId, e);
        }
    }

    private static Throwable explain(Throwable failure, NewDevice device) {
        if (failure instanceof DatabaseException db) {
            if (UNIQUE_VIOLATION.equals(db.getSqlState())) {
                return new Conflict("device '" + device.deviceId() + "' is already registered");
            }
            if (FOREIGN_KEY_VIOLATION.equals(db.getSqlState())) {
                return InvalidInput.of("venueId", "no venue with id " + device.venueId());
            }
        }
        return failure;
    }

    /** Registered devices, optionally of one venue, ordered by id; never tokens or hashes. */
    public Future<List<RegisteredDevice>> list(Optional<Long> venueId) {
        String sql = "SELECT d.device_id, d.kind, d.venue_id, v.grid, d.created_at FROM devices d"
                + " JOIN venues v ON v.id = d.venue_id";
        Future<RowSet<Row>> rows = venueId.isPresent()
                ? pool.preparedQuery(sql + " WHERE d.venue_id = $1 ORDER BY d.device_id").execute(Tuple.of(venueId.get()))
                : pool.query(sql + " ORDER BY d.device_id").execute();
        return rows.map(set -> {
            List<RegisteredDevice> devices = new ArrayList<>(set.size());
            set.forEach(row -> devices.add(new RegisteredDevice(row.getString("device_id"), row.getString("kind"),
                    row.getLong("venue_id"), row.getString("grid"),
                    row.get(OffsetDateTime.class, "created_at").toInstant())));
            return devices;
        });
    }

    /** Which of these ids are already registered. */
    Future<Set<String>> registeredAmong(List<String> deviceIds) {
        if (deviceIds.isEmpty()) return Future.succeededFuture(Set.of());
        return pool.preparedQuery("SELECT device_id FROM devices WHERE device_id = ANY($1)")
                .execute(Tuple.of(deviceIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> found = new HashSet<>();
                    rows.forEach(row -> found.add(row.getString(0)));
                    return found;
                });
    }

    /**
     * Inserts already validated devices through the given client (a transaction's connection)
     * and returns their tokens. Listeners are told only after the caller's commit: see {@link #announce}.
     */
    Future<List<IssuedDeviceToken>> insertAll(SqlClient client, List<NewDevice> devices) {
        if (devices.isEmpty()) return Future.succeededFuture(List.of());
        List<IssuedDeviceToken> issued = new ArrayList<>(devices.size());
        List<Tuple> batch = new ArrayList<>(devices.size());
        for (NewDevice device : devices) {
            String token = SecretTokens.generate();
            issued.add(issue(device.deviceId(), token));
            batch.add(insertTuple(device, token));
        }
        return client.preparedQuery(INSERT).executeBatch(batch)
                .recover(failure -> Future.failedFuture(failure instanceof DatabaseException db
                        && UNIQUE_VIOLATION.equals(db.getSqlState())
                        ? new Conflict("a device of this file was registered meanwhile; nothing imported, retry")
                        : failure))
                .map(done -> issued);
    }

    /** After an import's commit: counts the devices and tells the listener about each. */
    void announce(List<IssuedDeviceToken> issued) {
        registeredByImport.increment(issued.size());
        issued.forEach(t -> tellListener(t.deviceId()));
    }

    private void tellListener(String deviceId) {
        try {
            listener.registered(new DeviceId(deviceId));
        } catch (RuntimeException e) {
            // The device is registered whatever a listener does; its failure must still be seen.
            LOG.error("registration listener failed for device {}", deviceId, e);
        }
    }

    private static Tuple insertTuple(NewDevice device, String token) {
        return Tuple.of(device.deviceId(), device.kind(), device.venueId(), Buffer.buffer(SecretTokens.hash(token)));
    }
}
