package org.firehub.app.admin;

/** The command cannot run as given (exit code 2): unreadable input file, no password, ... */
public final class UsageProblem extends RuntimeException {
    public UsageProblem(String message) {
        super(message, null, false, false);
    }
}
