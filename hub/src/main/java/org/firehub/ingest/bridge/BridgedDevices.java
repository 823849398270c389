package org.firehub.ingest.bridge;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.firehub.auth.CredentialsLookup;
import org.firehub.device.Device;
import org.firehub.device.DeviceCredentials;
import org.firehub.device.DeviceId;

/**
 * Which devices a bridge may store for. The external broker authenticated the sender, not the
 * hub, so there is no token to check; the device must still be registered, because its kind
 * decides what it may send and its venue tags its series. Answers are cached (bounded, LRU):
 * known devices for a minute, unknown ones for a few seconds so that a device registered while
 * its messages flow starts being stored soon. Failed lookups are not cached. Confined to the
 * bridge's context: not thread-safe.
 */
final class BridgedDevices {
    static final long KNOWN_TTL_NANOS = 60_000_000_000L;
    static final long UNKNOWN_TTL_NANOS = 5_000_000_000L;
    private static final int MAX_ENTRIES = 10_000;

    private record Cached(Future<Optional<Device>> answer, long expiresAtNanos) {}

    private final CredentialsLookup lookup;
    private final Context context;
    private final LongSupplier nanoClock;
    private final Map<String, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    BridgedDevices(CredentialsLookup lookup, Context context, LongSupplier nanoClock) {
        this.lookup = lookup;
        this.context = context;
        this.nanoClock = nanoClock;
    }

    /** The registered device with this (valid) id, empty when there is none. */
    Future<Optional<Device>> find(DeviceId id) {
        long now = nanoClock.getAsLong();
        Cached cached = cache.get(id.value());
        if (cached != null && (!cached.answer().isComplete() || cached.expiresAtNanos() - now > 0)) {
            return cached.answer();
        }
        Future<Optional<Device>> answer = lookup.find(id).map(found -> found.map(DeviceCredentials::device));
        cache.put(id.value(), new Cached(answer, Long.MAX_VALUE));
        answer.onComplete(result -> onContext(() -> {
            Cached current = cache.get(id.value());
            if (current == null || current.answer() != answer) return;
            if (result.failed()) {
                cache.remove(id.value());
            } else {
                long ttl = result.result().isPresent() ? KNOWN_TTL_NANOS : UNKNOWN_TTL_NANOS;
                cache.put(id.value(), new Cached(answer, nanoClock.getAsLong() + ttl));
            }
        }));
        return answer;
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
