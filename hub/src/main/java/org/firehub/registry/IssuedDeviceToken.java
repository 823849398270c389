package org.firehub.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * A device's secret token, handed out once at registration; it is not stored anywhere. With
 * DTLS configured, also the device's PSK (hex text, see {@code org.firehub.auth.DevicePsk}),
 * likewise shown once and never stored (it is derived).
 */
public record IssuedDeviceToken(String deviceId, String token, Optional<String> psk) {
    public IssuedDeviceToken {
        Objects.requireNonNull(psk, "psk");
    }

    public IssuedDeviceToken(String deviceId, String token) {
        this(deviceId, token, Optional.empty());
    }

    /** Keeps the secrets out of logs and exception messages that print this record. */
    @Override
    public String toString() {
        return "IssuedDeviceToken[" + deviceId + ", token=***" + (psk.isPresent() ? ", psk=***" : "") + "]";
    }
}
