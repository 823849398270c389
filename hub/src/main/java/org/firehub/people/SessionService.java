package org.firehub.people;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import org.firehub.auth.SecretTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People's sessions: a login issues a random bearer token (192 bits, {@link SecretTokens});
 * only its SHA-256 is stored in {@code sessions}, with an expiry (default 12 h).
 *
 * <p>Authenticated tokens are cached for a short while (default 30 s) so that a console
 * polling several endpoints does not cost a database round trip per request; {@link #logout}
 * drops the cache entry at once, an expiry is checked on every hit.
 */
public final class SessionService {
    public static final Duration DEFAULT_TTL = Duration.ofHours(12);
    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);

    private final Pool pool;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Duration ttl;
    private final Cache<String, CachedSession> cache;
    private final Counter loginSuccess;
    private final Counter loginRefused;
    private final Counter loginBusy;

    private record CachedSession(Principal principal, Instant expiresAt) {}

    public SessionService(Pool pool, UserRepository users, PasswordHasher hasher, MeterRegistry meters,
                          Duration ttl, Duration cacheFor) {
        this.pool = pool;
        this.users = users;
        this.hasher = hasher;
        this.ttl = ttl;
        this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheFor).build();
        this.loginSuccess = loginCounter(meters, "success");
        this.loginRefused = loginCounter(meters, "refused");
        this.loginBusy = loginCounter(meters, "busy");
    }

    public SessionService(Pool pool, UserRepository users, PasswordHasher hasher, MeterRegistry meters) {
        this(pool, users, hasher, meters, DEFAULT_TTL, Duration.ofSeconds(30));
    }

    private static Counter loginCounter(MeterRegistry meters, String outcome) {
        return Counter.builder("firehub.logins").tag("outcome", outcome).description("Login attempts by outcome")
                .register(meters);
    }

    /**
     * A new session token for a correct username and password. Every refusal fails with the
     * same {@link AuthenticationFailed}; an unknown user costs a dummy hash verification, so
     * neither the answer nor its timing tells whether the user exists.
     */
    public Future<String> login(String username, String password) {
        if (username == null || password == null || password.length() > PasswordHasher.MAX_PASSWORD_LENGTH) {
            loginRefused.increment();
            return Future.failedFuture(new AuthenticationFailed(AuthenticationFailed.LOGIN_MESSAGE));
        }
        return users.findByUsername(username)
                .compose(found -> checkPassword(found, password))
                .compose(user -> user.isPresent() ? openSession(user.get()) : refused())
                .onFailure(failure -> {
                    if (failure instanceof HashingBusy) loginBusy.increment();
                });
    }

    private Future<Optional<User>> checkPassword(Optional<User> found, String password) {
        if (found.isEmpty()) return hasher.verifyDummy(password).map(ignored -> Optional.empty());
        User user = found.get();
        return hasher.verify(user.passwordHash(), password).map(ok -> ok ? found : Optional.empty());
    }

    private Future<String> refused() {
        loginRefused.increment();
        return Future.failedFuture(new AuthenticationFailed(AuthenticationFailed.LOGIN_MESSAGE));
    }

    private Future<String> openSession(User user) {
        String token = SecretTokens.generate();
        return pool.preparedQuery("INSERT INTO sessions (token_hash, user_id, expires_at)"
                        + " VALUES ($1, $2, now() + make_interval(secs => $3))")
                .execute(Tuple.of(Buffer.buffer(SecretTokens.hash(token)), user.id(), (double) ttl.toSeconds()))
                .compose(inserted -> purgeExpired())
                .map(purged -> {
                    loginSuccess.increment();
                    LOG.info("user {} logged in", user.username());
                    return token;
                });
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

    /** The person behind a bearer token, or a failed {@link AuthenticationFailed}. */
    public Future<Principal> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > 256) {
            return Future.failedFuture(new AuthenticationFailed(AuthenticationFailed.BEARER_MESSAGE));
        }
        byte[] hash = SecretTokens.hash(bearerToken);
        String key = HexFormat.of().formatHex(hash);
        CachedSession cached = cache.getIfPresent(key);
        if (cached != null) {
            if (cached.expiresAt().isAfter(Instant.now())) return Future.succeededFuture(cached.principal());
            cache.invalidate(key);
        }
        return pool.preparedQuery("SELECT u.id, u.username, u.password_hash, u.role, u.grid, s.expires_at"
                        + " FROM sessions s JOIN users u ON u.id = s.user_id"
                        + " WHERE s.token_hash = $1 AND s.expires_at > now()")
                .execute(Tuple.of(Buffer.buffer(hash)))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new AuthenticationFailed(AuthenticationFailed.BEARER_MESSAGE));
                    }
                    Row row = rows.iterator().next();
                    Principal principal = UserRepository.toUser(row).principal();
                    Instant expiresAt = row.getValue("expires_at") instanceof OffsetDateTime odt
                            ? odt.toInstant() : Instant.now().plus(ttl);
                    cache.put(key, new CachedSession(principal, expiresAt));
                    return Future.succeededFuture(principal);
                });
    }

    /** Ends a session at once (also in the cache of this node). */
    public Future<Void> logout(String bearerToken) {
        byte[] hash = SecretTokens.hash(bearerToken);
        cache.invalidate(HexFormat.of().formatHex(hash));
        return pool.preparedQuery("DELETE FROM sessions WHERE token_hash = $1")
                .execute(Tuple.of(Buffer.buffer(hash))).mapEmpty();
    }
}
