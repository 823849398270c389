package org.firehub.registry;

/** A device's secret token, handed out once at registration; it is not stored anywhere. */
public record IssuedDeviceToken(String deviceId, String token) {
    /** Keeps the token out of logs and exception messages that print this record. */
    @Override
    public String toString() {
        return "IssuedDeviceToken[" + deviceId + ", token=***]";
    }
}
