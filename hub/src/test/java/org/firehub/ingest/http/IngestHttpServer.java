package org.firehub.ingest.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.firehub.auth.CachingDeviceAuthenticator;
import org.firehub.auth.CredentialsLookup;
import org.firehub.auth.SecretTokens;
import org.firehub.device.Device;
import org.firehub.device.DeviceCredentials;
import org.firehub.device.DeviceId;
import org.firehub.device.DeviceKindCatalogue;
import org.firehub.ingest.DefaultIngestor;
import org.firehub.ingest.DurableSink;
import org.firehub.ingest.IngestMetrics;
import org.firehub.ingest.carrier.CarrierConfig;
import org.firehub.ingest.carrier.CarrierRoutes;
import org.firehub.testing.FreePorts;

/**
 * A real Vert.x HTTP server on 127.0.0.1 hosting the HTTP ingest routes and the carrier
 * webhooks, with the real {@link DefaultIngestor}, the real caching device authenticator over
 * an in-memory registry, the repository's {@code config/} files, and a durable sink of the test's
 * choice.
 */
public final class IngestHttpServer implements AutoCloseable {
    public static final Map<String, String> CARRIER_SECRETS = Map.of(
            "FIREHUB_CARRIER_TOWN_CTWING_SECRET", "ctwing-secret-0123456789",
            "FIREHUB_CARRIER_TOWN_ONENET_SECRET", "onenet-token-abcdef");

    public final Vertx vertx = Vertx.vertx();
    public final MeterRegistry meters = new SimpleMeterRegistry();
    private final Map<DeviceId, DeviceCredentials> registry = new ConcurrentHashMap<>();
    private final HttpServer server;
    public final int port;

    public IngestHttpServer(DurableSink sink) throws Exception {
        Path config = configDir();
        DeviceKindCatalogue kinds = DeviceKindCatalogue.load(config.resolve("device-kinds.yaml"));
        IngestMetrics metrics = new IngestMetrics(meters);
        DefaultIngestor ingestor = DefaultIngestor.create(vertx, kinds, sink, metrics, Clock.systemUTC());
        CredentialsLookup lookup = id -> vertx.executeBlocking(() -> Optional.ofNullable(registry.get(id)));
        CachingDeviceAuthenticator auth = CachingDeviceAuthenticator.create(vertx, lookup, meters);
        Function<String, String> env = CARRIER_SECRETS::get;
        CarrierConfig carriers = CarrierConfig.load(config.resolve("carriers.yaml"), env);

        Router router = Router.router(vertx);
        HttpIngestRoutes.mount(router, auth, ingestor, metrics, meters);
        CarrierRoutes.mount(router, vertx, carriers, lookup, ingestor, metrics, meters);
        int chosen = FreePorts.next();
        server = vertx.createHttpServer().requestHandler(router).listen(chosen, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = chosen;
    }

    /** Registers a device and returns its token, as the registry would. */
    public String register(String deviceId, String kind) {
        String token = SecretTokens.generate();
        registry.put(new DeviceId(deviceId), new DeviceCredentials(new Device(new DeviceId(deviceId), kind, 17, "grid-3"),
                SecretTokens.hash(token)));
        return token;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A counter's value, 0 when it was never registered. */
    public double count(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    static Path configDir() {
        for (Path candidate : new Path[] {Path.of("../config"), Path.of("config")}) {
            if (Files.exists(candidate.resolve("device-kinds.yaml"))) return candidate;
        }
        throw new UncheckedIOException(new IOException("config/ not found from " + Path.of("").toAbsolutePath()));
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
