package org.firehub.rules.engine;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A venue's type ({@code restaurant}, {@code shop}…), which correlation rules may filter on.
 * Cached: the engine asks on its shard threads and must not wait, so {@link #ifKnown} answers
 * from the cache only and {@link #type} loads asynchronously. A venue's type rarely changes; a
 * change is seen within the expiry.
 */
public final class VenueTypes {
    private final Pool pool;
    private final AsyncCache<Long, String> cache;

    public VenueTypes(Pool pool, Duration expiry) {
        this.pool = pool;
        this.cache = Caffeine.newBuilder().expireAfterWrite(expiry).maximumSize(500_000).buildAsync();
    }

    /** The type when the cache holds it now; never waits. */
    public Optional<String> ifKnown(long venueId) {
        CompletableFuture<String> cached = cache.getIfPresent(venueId);
        if (cached == null || !cached.isDone() || cached.isCompletedExceptionally()) return Optional.empty();
        return Optional.ofNullable(cached.getNow(null));
    }

    /** The venue's type, from the cache or PostgreSQL; fails for an unknown venue (and is not cached then). */
    public Future<String> type(long venueId) {
        CompletableFuture<String> loading = cache.get(venueId, (id, executor) -> query(id).toCompletionStage().toCompletableFuture());
        return Future.fromCompletionStage(loading);
    }

    void prime(long venueId, String type) {
        cache.put(venueId, CompletableFuture.completedFuture(type));
    }

    private Future<String> query(long venueId) {
        return pool.preparedQuery("SELECT type FROM venues WHERE id = $1").execute(Tuple.of(venueId)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) throw new NoSuchElementException("venue " + venueId + " does not exist");
            Row row = it.next();
            return row.getString(0);
        });
    }
}
