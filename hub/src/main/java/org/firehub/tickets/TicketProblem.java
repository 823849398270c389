package org.firehub.tickets;

/**
 * A ticket request refused, with a stable machine-readable code and a human message. The web
 * layer answers {@code {"code", "message"}} with the code's status.
 */
public final class TicketProblem extends RuntimeException {

    public enum Code {
        INVALID("invalid", 400),
        FORBIDDEN("forbidden", 403),
        NOT_FOUND("not_found", 404),
        ILLEGAL_TRANSITION("illegal_transition", 409),
        CONFLICT("conflict", 409);

        private final String wireName;
        private final int status;

        Code(String wireName, int status) {
            this.wireName = wireName;
            this.status = status;
        }

        public String wireName() {
            return wireName;
        }

        public int status() {
            return status;
        }
    }

    private final Code code;

    public TicketProblem(Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static TicketProblem invalid(String message) {
        return new TicketProblem(Code.INVALID, message);
    }

    public static TicketProblem notFound(long ticketId) {
        return new TicketProblem(Code.NOT_FOUND, "no ticket " + ticketId);
    }

    public Code code() {
        return code;
    }
}
