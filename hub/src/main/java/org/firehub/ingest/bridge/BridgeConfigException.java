package org.firehub.ingest.bridge;

/** A bridges file that cannot be used; the message names the file and the entry. */
public final class BridgeConfigException extends Exception {
    public BridgeConfigException(String message) {
        super(message);
    }

    public BridgeConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
