package org.firehub.app.admin;

import java.util.List;

/** The hub answered, and said no (exit code 1): its status, error and every detail line it gave. */
public final class HubRefused extends RuntimeException {
    private final int status;
    private final List<String> details;

    public HubRefused(int status, String error, List<String> details) {
        super(error, null, false, false);
        this.status = status;
        this.details = List.copyOf(details);
    }

    public int status() {
        return status;
    }

    public List<String> details() {
        return details;
    }
}
