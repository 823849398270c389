package org.firehub.auth;

import org.firehub.device.DeviceId;

/**
 * Told after a device's PSK version was bumped and committed, so that caches forget the old
 * version and live DTLS sessions made with the old key are ended. Called on the event loop:
 * it must not block.
 */
@FunctionalInterface
public interface PskRotationListener {
    PskRotationListener NONE = id -> {};

    void rotated(DeviceId id);
}
