package org.firehub.people;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.firehub.auth.SecretTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People's sessions. A login ({@link Logins}) opens a session with a random token (192 bits,
 * {@link SecretTokens}); only its SHA-256 is stored in {@code sessions}, with its kind, the CSRF
 * token's hash for cookie sessions, the source address and an expiry (default 12 h).
 *
 * <p>Authenticated sessions are cached for a short while (default 30 s, {@link SessionCache});
 * logout and {@link #revokeAll} drop them from this node's cache at once. A disabled user's
 * sessions stop authenticating as soon as the database is asked again; {@link #revokeAll} after
 * disabling makes that immediate on this node.
 */
public final class SessionService {
    public static final Duration DEFAULT_TTL = SessionSettings.DEFAULTS.ttl();
    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);
    private static final String SESSION_COLUMNS = "u.id, u.username, u.password_hash, u.role, u.grid,"
            + " s.kind, s.csrf_hash, s.expires_at, encode(s.token_hash, 'hex') AS token_hash_hex";

    private final Pool pool;
    private final SessionSettings settings;
    private final SessionCache cache;
    private final SecurityAudit audit;
    private final Logins logins;

    public SessionService(Pool pool, PasswordHasher hasher, MeterRegistry meters, SessionSettings settings) {
        this.pool = pool;
        this.settings = settings;
        this.cache = new SessionCache(settings.cacheFor());
        this.audit = new SecurityAudit(pool, meters);
        this.logins = new Logins(pool, hasher, new LoginThrottle(settings.throttle()), audit, meters, settings.ttl());
    }

    /** Kept for existing callers; {@code users} is no longer needed (logins read {@code users.disabled} too). */
    public SessionService(Pool pool, UserRepository users, PasswordHasher hasher, MeterRegistry meters,
                          Duration ttl, Duration cacheFor) {
        this(pool, hasher, meters, new SessionSettings(ttl, cacheFor, false, LoginThrottle.Limits.DEFAULTS));
    }

    public SessionService(Pool pool, UserRepository users, PasswordHasher hasher, MeterRegistry meters) {
        this(pool, hasher, meters, SessionSettings.DEFAULTS);
    }

    public SessionSettings settings() {
        return settings;
    }

    /** The audit trail sessions write to (login, logout, revocations). */
    public SecurityAudit audit() {
        return audit;
    }

    /** The pool sessions live in (for readers of the same database, e.g. the audit listing). */
    public SqlClient client() {
        return pool;
    }

    /** Opens a session for a correct username and password; see {@link Logins#login} for every refusal. */
    public Future<OpenedSession> login(LoginAttempt attempt) {
        return logins.login(attempt);
    }

    /** A new bearer session token for a correct username and password (no source address: no address throttle). */
    public Future<String> login(String username, String password) {
        return login(new LoginAttempt(username, password, SessionKind.BEARER, null)).map(OpenedSession::token);
    }

    /** The person behind a session token (of either kind), or a failed {@link AuthenticationFailed}. */
    public Future<Principal> authenticate(String token) {
        return authenticateSession(token).map(ActiveSession::principal);
    }

    /** The live session behind a token, or a failed {@link AuthenticationFailed}: unknown, expired, or its user disabled. */
    public Future<ActiveSession> authenticateSession(String token) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return Future.failedFuture(new AuthenticationFailed(AuthenticationFailed.BEARER_MESSAGE));
        }
        byte[] hash = SecretTokens.hash(token);
        String key = HexFormat.of().formatHex(hash);
        ActiveSession cached = cache.get(key);
        if (cached != null) return Future.succeededFuture(cached);
        long started = cache.lookupStarted();
        return pool.preparedQuery("SELECT " + SESSION_COLUMNS + " FROM sessions s JOIN users u ON u.id = s.user_id"
                        + " WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled")
                .execute(Tuple.of(Buffer.buffer(hash)))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new AuthenticationFailed(AuthenticationFailed.BEARER_MESSAGE));
                    }
                    ActiveSession session = toSession(rows.iterator().next());
                    cache.put(session, started);
                    return Future.succeededFuture(session);
                });
    }

    /** Ends a session at once (also in the cache of this node), without an audit entry. */
    public Future<Void> logout(String token) {
        String key = HexFormat.of().formatHex(SecretTokens.hash(token));
        cache.drop(key);
        return pool.preparedQuery("DELETE FROM sessions WHERE token_hash = decode($1, 'hex')")
                .execute(Tuple.of(key)).onComplete(done -> cache.drop(key)).mapEmpty();
    }

    /** Ends the caller's own session and records {@code logout}. */
    public Future<Void> logout(ActiveSession session, String sourceAddress) {
        cache.drop(session.tokenHashHex());
        SecurityEvent event = SecurityEvent.of(session.principal(), "logout", "user:" + session.principal().userId(), sourceAddress)
                .with("kind", session.kind().wireName()).with("session", session.id());
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM sessions WHERE token_hash = decode($1, 'hex')")
                        .execute(Tuple.of(session.tokenHashHex()))
                        .compose(deleted -> SecurityAudit.record(tx, event)))
                .onComplete(done -> cache.drop(session.tokenHashHex()));
    }

    /**
     * Ends every session of a user at once: deleted from the database and dropped from this
     * node's cache, including lookups already under way. For admin changes (user disabled,
     * password or role changed); the caller records its own audit entry for the change.
     */
    public Future<Void> revokeAll(long userId) {
        cache.dropUser(userId);
        return pool.preparedQuery("DELETE FROM sessions WHERE user_id = $1").execute(Tuple.of(userId))
                .onSuccess(rows -> {
                    cache.dropUser(userId);
                    LOG.info("revoked all {} session(s) of user {}", rows.rowCount(), userId);
                })
                .mapEmpty();
    }

    /** The person's live sessions, newest first; {@code current} marks the one asking. */
    public Future<List<SessionSummary>> sessionsOf(ActiveSession asking) {
        return pool.preparedQuery("SELECT encode(token_hash, 'hex') AS token_hash_hex, kind, created_at, expires_at, source_address"
                        + " FROM sessions WHERE user_id = $1 AND expires_at > now() ORDER BY created_at DESC LIMIT 1000")
                .execute(Tuple.of(asking.principal().userId()))
                .map(rows -> {
                    List<SessionSummary> list = new ArrayList<>();
                    for (Row row : rows) {
                        String hex = row.getString("token_hash_hex");
                        list.add(new SessionSummary(hex.substring(0, ActiveSession.ID_LENGTH),
                                SessionKind.fromWireName(row.getString("kind")).orElse(SessionKind.BEARER),
                                instant(row, "created_at"), instant(row, "expires_at"), row.getString("source_address"),
                                hex.equals(asking.tokenHashHex())));
                    }
                    return list;
                });
    }

    /** Ends one of the person's own sessions by its listed id; false when they have no such session. */
    public Future<Boolean> revokeOwn(ActiveSession asking, String sessionId, String sourceAddress) {
        if (sessionId == null || !sessionId.matches("[0-9a-f]{" + ActiveSession.ID_LENGTH + "}")) return Future.succeededFuture(false);
        Principal who = asking.principal();
        SecurityEvent event = SecurityEvent.of(who, "session.revoked", "user:" + who.userId(), sourceAddress).with("session", sessionId);
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM sessions WHERE user_id = $1"
                                + " AND substr(encode(token_hash, 'hex'), 1, $2) = $3 RETURNING encode(token_hash, 'hex')")
                        .execute(Tuple.of(who.userId(), ActiveSession.ID_LENGTH, sessionId))
                        .compose(rows -> {
                            rows.forEach(row -> cache.drop(row.getString(0)));
                            if (rows.rowCount() == 0) return Future.succeededFuture(false);
                            return SecurityAudit.record(tx, event).map(true);
                        }));
    }

    private ActiveSession toSession(Row row) {
        Principal principal = UserRepository.toUser(row).principal();
        Buffer csrf = row.getBuffer("csrf_hash");
        Instant expiresAt = instant(row, "expires_at");
        return new ActiveSession(principal, SessionKind.fromWireName(row.getString("kind")).orElse(SessionKind.BEARER),
                row.getString("token_hash_hex"), csrf == null ? null : csrf.getBytes(),
                expiresAt == null ? Instant.now().plus(settings.ttl()) : expiresAt);
    }

    static Instant instant(Row row, String column) {
        return row.getValue(column) instanceof OffsetDateTime odt ? odt.toInstant() : null;
    }
}
