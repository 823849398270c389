package org.firehub.ingest.coap;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.firehub.auth.PskDevice;
import org.firehub.auth.PskDirectory;
import org.firehub.device.DeviceId;

/**
 * Devices with their PSK version, for DTLS handshakes and for the requests that follow them
 * (a DTLS request carries no token: the session's PSK identity names the device). A handshake
 * storm costs one registry query per device per TTL; "no such device" is remembered briefly;
 * a rotation or registration drops the entry at once ({@link #invalidate}). A failed lookup is
 * not cached.
 */
final class PskDeviceCache {
    static final Duration TTL = Duration.ofSeconds(60);
    static final Duration NEGATIVE_TTL = Duration.ofSeconds(10);

    private final PskDirectory directory;
    private final AsyncCache<DeviceId, Optional<PskDevice>> cache = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfter(Expiry.<DeviceId, Optional<PskDevice>>creating((id, found) -> found.isPresent() ? TTL : NEGATIVE_TTL))
            .buildAsync();

    PskDeviceCache(PskDirectory directory) {
        this.directory = directory;
    }

    /** Completes on whatever thread the lookup completes on (a Vert.x event loop, or at once). */
    CompletableFuture<Optional<PskDevice>> find(DeviceId id) {
        return cache.get(id, (key, executor) -> directory.find(key).toCompletionStage().toCompletableFuture());
    }

    void invalidate(DeviceId id) {
        cache.synchronous().invalidate(id);
    }
}
