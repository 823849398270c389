package org.firehub.device;

import java.util.Arrays;
import java.util.Objects;

/**
 * A registered device with the stored form of its token (SHA-256, see
 * {@code org.firehub.auth.SecretTokens}): what device authentication compares a presented
 * token against.
 */
public record DeviceCredentials(Device device, byte[] tokenHash) {

    public DeviceCredentials {
        Objects.requireNonNull(device, "device");
        tokenHash = tokenHash.clone();
    }

    @Override
    public byte[] tokenHash() {
        return tokenHash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceCredentials that
                && device.equals(that.device) && Arrays.equals(tokenHash, that.tokenHash);
    }

    @Override
    public int hashCode() {
        return 31 * device.hashCode() + Arrays.hashCode(tokenHash);
    }

    /** Leaves the hash out: log lines have no business carrying credential material. */
    @Override
    public String toString() {
        return "DeviceCredentials[" + device + ", tokenHash=<" + tokenHash.length + " bytes>]";
    }
}
