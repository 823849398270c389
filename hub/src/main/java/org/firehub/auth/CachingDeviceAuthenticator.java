package org.firehub.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.firehub.device.Device;
import org.firehub.device.DeviceCredentials;
import org.firehub.device.DeviceId;

/**
 * Authenticates devices against cached credentials so that a reconnect storm (a town's
 * devices coming back after a network outage) costs at most one registry query per device per
 * TTL. Concurrent misses for one id share a single in-flight lookup; "no such device" is cached
 * too, for a shorter time, so that a misconfigured device hammering the hub cannot hammer the
 * database. The token itself is checked on every attempt (constant time), never cached as
 * "good". A failed lookup is not cached: the next attempt asks again.
 *
 * <p>Meter: {@code firehub_auth_lookups_total{result="hit|miss"}}; a miss is one query.
 */
public final class CachingDeviceAuthenticator implements DeviceAuthenticator {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofSeconds(10);
    public static final long DEFAULT_MAX_ENTRIES = 200_000;

    private final Vertx vertx;
    private final CredentialsLookup lookup;
    private final AsyncCache<DeviceId, Optional<DeviceCredentials>> cache;
    private final Counter hits;
    private final Counter misses;

    private CachingDeviceAuthenticator(Builder builder) {
        this.vertx = builder.vertx;
        this.lookup = builder.lookup;
        Duration ttl = builder.ttl;
        Duration negativeTtl = builder.negativeTtl;
        this.cache = Caffeine.newBuilder()
                .maximumSize(builder.maxEntries)
                .expireAfter(Expiry.<DeviceId, Optional<DeviceCredentials>>creating(
                        (id, found) -> found.isPresent() ? ttl : negativeTtl))
                .ticker(builder.ticker)
                .buildAsync();
        this.hits = lookups(builder.meters, "hit");
        this.misses = lookups(builder.meters, "miss");
    }

    public static CachingDeviceAuthenticator create(Vertx vertx, CredentialsLookup lookup, MeterRegistry meters) {
        return builder(vertx, lookup, meters).build();
    }

    public static Builder builder(Vertx vertx, CredentialsLookup lookup, MeterRegistry meters) {
        return new Builder(vertx, lookup, meters);
    }

    private static Counter lookups(MeterRegistry meters, String result) {
        return Counter.builder("firehub_auth_lookups_total")
                .description("Device credential lookups: hit = served from cache, miss = one registry query")
                .tag("result", result).register(meters);
    }

    @Override
    public Future<Device> authenticate(String deviceId, String token) {
        Context caller = vertx.getOrCreateContext();
        if (deviceId == null || deviceId.isEmpty() || token == null || token.isEmpty()) {
            return Future.failedFuture(new DeviceAuthException(DeviceAuthException.Reason.MISSING_CREDENTIALS,
                    "device id and token are required"));
        }
        if (!DeviceId.isValid(deviceId)) {
            return Future.failedFuture(new DeviceAuthException(DeviceAuthException.Reason.MALFORMED_ID,
                    "device id must match [A-Za-z0-9_-]{1,64}"));
        }
        DeviceId id = new DeviceId(deviceId);
        return Future.fromCompletionStage(credentials(id), caller)
                .recover(e -> Future.failedFuture(new DeviceAuthException(DeviceAuthException.Reason.UNAVAILABLE,
                        "device " + id + ": cannot check credentials: " + e.getMessage(), e)))
                .compose(found -> verify(id, found, token));
    }

    /**
     * The same cache as a {@link CredentialsLookup}, for ingest paths whose sender someone else
     * authenticated (carrier platforms, bridged brokers): they still need the registered device,
     * and share this cache instead of querying the registry per message. Completes on the caller's context.
     */
    public CredentialsLookup cachedLookup() {
        return id -> Future.fromCompletionStage(credentials(id), vertx.getOrCreateContext());
    }

    /** Forgets what is cached for a device: call after registering, deleting or rotating its token. */
    public void invalidate(DeviceId id) {
        cache.synchronous().invalidate(id);
    }

    private CompletableFuture<Optional<DeviceCredentials>> credentials(DeviceId id) {
        // Caffeine runs the mapping function synchronously, in this thread, only for the caller
        // that inserts the entry; every other caller (cached or concurrent) shares its future.
        boolean[] loaded = {false};
        CompletableFuture<Optional<DeviceCredentials>> future = cache.get(id, (key, executor) -> {
            loaded[0] = true;
            misses.increment();
            return lookup.find(key).toCompletionStage().toCompletableFuture();
        });
        if (!loaded[0]) hits.increment();
        return future;
    }

    private static Future<Device> verify(DeviceId id, Optional<DeviceCredentials> found, String token) {
        if (found.isEmpty()) {
            return Future.failedFuture(new DeviceAuthException(DeviceAuthException.Reason.UNKNOWN_DEVICE,
                    "device " + id + " is not registered"));
        }
        if (!SecretTokens.matches(token, found.get().tokenHash())) {
            return Future.failedFuture(new DeviceAuthException(DeviceAuthException.Reason.BAD_TOKEN,
                    "device " + id + ": token does not match"));
        }
        return Future.succeededFuture(found.get().device());
    }

    public static final class Builder {
        private final Vertx vertx;
        private final CredentialsLookup lookup;
        private final MeterRegistry meters;
        private Duration ttl = DEFAULT_TTL;
        private Duration negativeTtl = DEFAULT_NEGATIVE_TTL;
        private long maxEntries = DEFAULT_MAX_ENTRIES;
        private Ticker ticker = Ticker.systemTicker();

        private Builder(Vertx vertx, CredentialsLookup lookup, MeterRegistry meters) {
            this.vertx = vertx;
            this.lookup = lookup;
            this.meters = meters;
        }

        /** How long a registered device's credentials are trusted without asking again. */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** How long "no such device" is remembered; short, so a new registration is seen soon. */
        public Builder negativeTtl(Duration negativeTtl) {
            this.negativeTtl = negativeTtl;
            return this;
        }

        public Builder maxEntries(long maxEntries) {
            this.maxEntries = maxEntries;
            return this;
        }

        /** A clock for the TTLs (tests advance a fake one instead of waiting a minute). */
        public Builder ticker(Ticker ticker) {
            this.ticker = ticker;
            return this;
        }

        public CachingDeviceAuthenticator build() {
            return new CachingDeviceAuthenticator(this);
        }
    }
}
