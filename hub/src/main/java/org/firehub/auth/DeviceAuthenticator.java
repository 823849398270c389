package org.firehub.auth;

import io.vertx.core.Future;
import org.firehub.device.Device;

/**
 * Checks a device's presented credentials (MQTT username/password, CoAP token, HTTP bearer).
 * The future fails with {@link DeviceAuthException} whose {@link DeviceAuthException.Reason}
 * tells the transport how to answer; it completes on the caller's Vert.x context and never
 * blocks it.
 */
public interface DeviceAuthenticator {
    Future<Device> authenticate(String deviceId, String token);
}
