package org.firehub.web;

/**
 * A request refused by the web layer itself (403, 404, 415, 400 for a malformed body), with its
 * status and, where the status alone is not specific enough, a stable error {@code code}.
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;

    public ApiProblem(int status, String message) {
        this(status, null, message);
    }

    /** {@code code}: a stable lower_snake name clients can switch on; {@code null} = derived from the status. */
    public ApiProblem(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
