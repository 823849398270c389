package org.firehub.ingest.mqtt;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.firehub.device.DeviceId;

/**
 * The live, authenticated MQTT connections by device: at most one per device, as MQTT
 * specifies for a client id (a device reconnecting after a NAT timeout must not be refused
 * because the hub has not noticed its old connection die). Shared by the plain and the TLS
 * listener, which may run on different event loops, hence thread-safe.
 *
 * <p>Meter: {@code firehub_connected_devices{transport="mqtt"}}.
 */
public final class MqttConnectionRegistry {

    /** What the registry needs of a connection: a way to end it when a newer one takes over. */
    public interface Connection {
        DeviceId deviceId();

        /** Ends the connection because the same device connected again (called from any thread). */
        void takenOver();
    }

    private final ConcurrentMap<DeviceId, Connection> connections = new ConcurrentHashMap<>();

    public MqttConnectionRegistry(MeterRegistry meters) {
        Gauge.builder("firehub_connected_devices", connections, ConcurrentMap::size)
                .description("Authenticated live device connections")
                .tag("transport", "mqtt").register(meters);
    }

    /** Registers a newly authenticated connection and ends the device's previous one, if any. */
    public void register(Connection connection) {
        Connection previous = connections.put(connection.deviceId(), connection);
        if (previous != null && previous != connection) previous.takenOver();
    }

    /** Forgets a closed connection, unless a newer one of the same device has replaced it. */
    public void unregister(Connection connection) {
        connections.remove(connection.deviceId(), connection);
    }

    public Optional<Connection> connectionOf(DeviceId deviceId) {
        return Optional.ofNullable(connections.get(deviceId));
    }

    public int size() {
        return connections.size();
    }
}
