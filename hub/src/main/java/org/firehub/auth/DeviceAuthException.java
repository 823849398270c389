package org.firehub.auth;

/** Why a device could not be authenticated; transports map the reason to their refusal. */
public final class DeviceAuthException extends RuntimeException {

    public enum Reason {
        /** No device id or no token presented. */
        MISSING_CREDENTIALS,
        /** The presented id does not match {@code [A-Za-z0-9_-]{1,64}}. */
        MALFORMED_ID,
        /** No device is registered under this id. */
        UNKNOWN_DEVICE,
        /** The device exists but the token does not match its stored hash. */
        BAD_TOKEN,
        /** The registry could not be asked (database down): not the device's fault. */
        UNAVAILABLE;

        /** True when the device's credentials are at fault (answer "not authorized"). */
        public boolean isCredentialFault() {
            return this != UNAVAILABLE;
        }
    }

    private final Reason reason;

    public DeviceAuthException(Reason reason, String message) {
        this(reason, message, null);
    }

    public DeviceAuthException(Reason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
