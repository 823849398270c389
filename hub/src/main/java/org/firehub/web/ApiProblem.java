package org.firehub.web;

/** A request refused by the web layer itself (403, 404, 415, 400 for a malformed body), with its status. */
public final class ApiProblem extends RuntimeException {
    private final int status;

    public ApiProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
