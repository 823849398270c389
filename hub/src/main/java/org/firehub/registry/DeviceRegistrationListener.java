package org.firehub.registry;

import org.firehub.device.DeviceId;

/**
 * Told after a device's registration is committed, e.g. so that a device-authentication cache
 * drops a stale "unknown device" answer. Called on the event loop: it must not block.
 */
@FunctionalInterface
public interface DeviceRegistrationListener {
    DeviceRegistrationListener NONE = id -> {};

    void registered(DeviceId id);
}
