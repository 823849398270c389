package org.firehub.auth;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.firehub.device.DeviceId;

/**
 * A device's DTLS pre-shared key as handed out: {@code secret} is 32 lowercase hex characters
 * (128 bits from {@link PskDerivation}) and <em>its ASCII bytes are the DTLS key</em>, so that
 * the text an operator copies works unchanged in every client ({@code coap-client -k <secret>},
 * Californium, tinydtls). The PSK identity is the device id.
 */
public record DevicePsk(DeviceId deviceId, int version, String secret) {
    public DevicePsk {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(secret, "secret");
        if (version < 1) throw new IllegalArgumentException("psk version must be >= 1, got " + version);
    }

    /** The key bytes the DTLS handshake uses: the ASCII encoding of {@link #secret()}. */
    public byte[] keyBytes() {
        return secret.getBytes(StandardCharsets.US_ASCII);
    }

    /** Keeps the key out of logs. */
    @Override
    public String toString() {
        return "DevicePsk[" + deviceId + ", version=" + version + ", secret=***]";
    }
}
