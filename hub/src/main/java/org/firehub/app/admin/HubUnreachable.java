package org.firehub.app.admin;

/** The hub could not be reached at all (exit code 3): not running, wrong URL, network down. */
public final class HubUnreachable extends RuntimeException {
    public HubUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
