package org.firehub.people;

/**
 * A login or bearer token was refused. The message is deliberately the same whatever the
 * cause (unknown user, wrong password, expired session) so that callers cannot enumerate users.
 */
public final class AuthenticationFailed extends RuntimeException {
    public static final String LOGIN_MESSAGE = "invalid username or password";
    public static final String BEARER_MESSAGE = "missing, invalid or expired bearer token";

    public AuthenticationFailed(String message) {
        super(message, null, false, false);
    }
}
