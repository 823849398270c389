package org.firehub.people;

/**
 * One login: who claims to be whom, which kind of session they want, and from which address
 * (for throttling and the audit trail; {@code null} when not known, e.g. a CLI in-process).
 */
public record LoginAttempt(String username, String password, SessionKind kind, String sourceAddress) {
    public LoginAttempt {
        kind = kind == null ? SessionKind.BEARER : kind;
    }

    @Override
    public String toString() {
        return "LoginAttempt[" + username + ", " + kind.wireName() + ", from " + sourceAddress + "]";
    }
}
