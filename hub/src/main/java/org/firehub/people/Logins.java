package org.firehub.people;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import org.firehub.auth.SecretTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login path: throttle check (before any password is looked at), password check, then a new
 * session and its {@code login.succeeded} entry in one transaction. Every refusal fails with the
 * same {@link AuthenticationFailed} whatever the reason (unknown user, wrong password, disabled
 * user); an unknown user costs a dummy hash verification and a disabled one a real one, so
 * neither the answer nor its timing tells which. Only the audit trail (admins) knows the reason.
 *
 * <p>Counts {@code firehub.logins{outcome=success|refused|busy|throttled}}.
 */
final class Logins {
    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);
    /** Attempted usernames are recorded, but an attacker's megabyte of text is not. */
    private static final int MAX_RECORDED_USERNAME = 64;

    private enum Reason { UNKNOWN_USER, WRONG_PASSWORD, DISABLED, INVALID_INPUT }

    /** What the password check found: the user, or why not. */
    private record Checked(User user, Reason refusal) {}

    private final Pool pool;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SecurityAudit audit;
    private final Duration ttl;
    private final Counter success;
    private final Counter refused;
    private final Counter busy;
    private final Counter throttled;

    Logins(Pool pool, PasswordHasher hasher, LoginThrottle throttle, SecurityAudit audit, MeterRegistry meters, Duration ttl) {
        this.pool = pool;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
        this.ttl = ttl;
        this.success = counter(meters, "success");
        this.refused = counter(meters, "refused");
        this.busy = counter(meters, "busy");
        this.throttled = counter(meters, "throttled");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("firehub.logins").tag("outcome", outcome).description("Login attempts by outcome")
                .register(meters);
    }

    Future<OpenedSession> login(LoginAttempt attempt) {
        String username = attempt.username();
        String address = attempt.sourceAddress();
        if (throttle.tryAttempt(username, address) instanceof LoginThrottle.Verdict.Refused refusal) {
            return throttled(attempt, refusal);
        }
        Future<Checked> checked = username == null || attempt.password() == null
                || attempt.password().length() > PasswordHasher.MAX_PASSWORD_LENGTH
                ? Future.succeededFuture(new Checked(null, Reason.INVALID_INPUT))
                : check(username, attempt.password());
        return checked
                .compose(result -> result.refusal() == null ? open(result.user(), attempt) : refuse(attempt, result.refusal()))
                .recover(failure -> {
                    // Only a checked refusal counts against the limits; a busy hasher or a database
                    // failure did not judge the password, so the attempt is given back.
                    if (!(failure instanceof AuthenticationFailed)) throttle.refund(username, address);
                    if (failure instanceof HashingBusy) busy.increment();
                    return Future.failedFuture(failure);
                });
    }

    private Future<Checked> check(String username, String password) {
        return pool.preparedQuery("SELECT id, username, password_hash, role, grid, disabled FROM users WHERE username = $1")
                .execute(Tuple.of(username))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return hasher.verifyDummy(password).map(ignored -> new Checked(null, Reason.UNKNOWN_USER));
                    }
                    Row row = rows.iterator().next();
                    User user = UserRepository.toUser(row);
                    boolean disabled = Boolean.TRUE.equals(row.getBoolean("disabled"));
                    return hasher.verify(user.passwordHash(), password).map(ok -> {
                        if (!ok) return new Checked(null, Reason.WRONG_PASSWORD);
                        return disabled ? new Checked(null, Reason.DISABLED) : new Checked(user, null);
                    });
                });
    }

    private Future<OpenedSession> open(User user, LoginAttempt attempt) {
        String token = SecretTokens.generate();
        String csrf = attempt.kind() == SessionKind.COOKIE ? SecretTokens.generate() : null;
        Buffer csrfHash = csrf == null ? null : Buffer.buffer(SecretTokens.hash(csrf));
        SecurityEvent event = new SecurityEvent(user.id(), "login.succeeded", "user:" + user.id(), attempt.sourceAddress(), null)
                .with("kind", attempt.kind().wireName());
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO sessions (token_hash, user_id, expires_at, kind, csrf_hash, source_address)"
                                + " VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5, $6) RETURNING expires_at")
                        .execute(Tuple.of(Buffer.buffer(SecretTokens.hash(token)), user.id(), (double) ttl.toSeconds(),
                                attempt.kind().wireName(), csrfHash, attempt.sourceAddress()))
                        .compose(rows -> SecurityAudit.record(tx, event).map(SessionService.instant(rows.iterator().next(), "expires_at"))))
                .compose(expiresAt -> purgeExpired().map(expiresAt))
                .map(expiresAt -> {
                    throttle.succeeded(attempt.username(), attempt.sourceAddress());
                    success.increment();
                    LOG.info("user {} logged in ({} session, from {})", user.username(), attempt.kind().wireName(), attempt.sourceAddress());
                    return new OpenedSession(token, csrf, expiresAt == null ? Instant.now().plus(ttl) : expiresAt,
                            user.principal(), attempt.kind());
                });
    }

    private Future<OpenedSession> refuse(LoginAttempt attempt, Reason reason) {
        refused.increment();
        LOG.info("login refused for '{}' from {}: {}", recordable(attempt.username()), attempt.sourceAddress(), reason);
        SecurityEvent event = new SecurityEvent(null, "login.refused", null, attempt.sourceAddress(), null)
                .with("username", recordable(attempt.username()))
                .with("reason", reason.name().toLowerCase(java.util.Locale.ROOT));
        return audit.record(event)
                .transform(recorded -> Future.failedFuture(new AuthenticationFailed(AuthenticationFailed.LOGIN_MESSAGE)));
    }

    private Future<OpenedSession> throttled(LoginAttempt attempt, LoginThrottle.Verdict.Refused refusal) {
        throttled.increment();
        LoginThrottled failure = new LoginThrottled(refusal.retryAfter());
        if (!refusal.firstRefusal()) return Future.failedFuture(failure);
        // One entry when a limit starts refusing; the rest of a flood is only counted.
        LOG.warn("logins throttled by {} for '{}' from {} for {} s", refusal.limitedBy(), recordable(attempt.username()),
                attempt.sourceAddress(), failure.retryAfterSeconds());
        SecurityEvent event = new SecurityEvent(null, "login.throttled", null, attempt.sourceAddress(), null)
                .with("username", recordable(attempt.username()))
                .with("limitedBy", refusal.limitedBy())
                .with("retryAfterSeconds", failure.retryAfterSeconds());
        return audit.record(event).transform(recorded -> Future.failedFuture(failure));
    }

    /** Expired sessions are useless; dropping them at login keeps the table as small as the live set. */
    private Future<Void> purgeExpired() {
        return pool.query("DELETE FROM sessions WHERE expires_at < now()").execute()
                .<Void>mapEmpty()
                .recover(failure -> {
                    LOG.warn("could not purge expired sessions (login continues): {}", failure.toString());
                    return Future.succeededFuture();
                });
    }

    private static String recordable(String username) {
        if (username == null) return null;
        return username.length() <= MAX_RECORDED_USERNAME ? username : username.substring(0, MAX_RECORDED_USERNAME) + "…";
    }
}
