package org.firehub.registry;

/** The request clashes with what is already registered (HTTP 409), e.g. a device id in use. */
public final class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message, null, false, false);
    }
}
