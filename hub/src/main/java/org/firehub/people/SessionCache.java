package org.firehub.people;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;

/**
 * Sessions this node has checked recently, by token hash, so a console polling several
 * endpoints does not cost a database round trip per request.
 *
 * <p>A revocation ({@link #dropUser}) must win even against a lookup that was already on its way
 * to the database when it happened: each lookup notes when it started ({@link #lookupStarted}),
 * each revocation when it happened, and a session loaded before its user's last revocation is
 * neither cached nor trusted from the cache.
 */
final class SessionCache {
    private record Entry(ActiveSession session, long loadedAtNanos) {}

    private final Cache<String, Entry> byTokenHash;
    /** When each user's sessions were last revoked; kept as long as a cache entry can live. */
    private final Cache<Long, Long> revokedAtNanos;

    SessionCache(Duration cacheFor) {
        this.byTokenHash = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheFor).build();
        this.revokedAtNanos = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(cacheFor.plusSeconds(60)).build();
    }

    long lookupStarted() {
        return System.nanoTime();
    }

    /** The cached session, if still trusted: not expired and not loaded before a revocation of its user. */
    ActiveSession get(String tokenHashHex) {
        Entry entry = byTokenHash.getIfPresent(tokenHashHex);
        if (entry == null) return null;
        if (!entry.session().expiresAt().isAfter(Instant.now()) || revokedSince(entry.session().principal().userId(), entry.loadedAtNanos())) {
            byTokenHash.invalidate(tokenHashHex);
            return null;
        }
        return entry.session();
    }

    /** Caches a session loaded by a lookup that started at {@code startedNanos}, unless its user was revoked since. */
    void put(ActiveSession session, long startedNanos) {
        if (revokedSince(session.principal().userId(), startedNanos)) return;
        byTokenHash.put(session.tokenHashHex(), new Entry(session, startedNanos));
    }

    void drop(String tokenHashHex) {
        byTokenHash.invalidate(tokenHashHex);
    }

    /** Forgets every session of the user, and refuses to trust any lookup of theirs already under way. */
    void dropUser(long userId) {
        revokedAtNanos.put(userId, System.nanoTime());
        byTokenHash.asMap().values().removeIf(entry -> entry.session().principal().userId() == userId);
    }

    private boolean revokedSince(long userId, long nanos) {
        Long revoked = revokedAtNanos.getIfPresent(userId);
        return revoked != null && revoked - nanos >= 0;
    }
}
