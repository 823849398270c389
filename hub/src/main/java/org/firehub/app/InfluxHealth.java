package org.firehub.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.function.BooleanSupplier;
import org.firehub.spool.Spool;

/**
 * The InfluxDB part of {@code /health}: InfluxDB answers {@code /ping}, its database exists, and
 * the spool's drainer is not failing to write. Pinging matters because with no traffic the
 * drainer tries nothing, so only a ping notices an outage before devices send again.
 */
final class InfluxHealth {
    private static final long PING_TIMEOUT_MS = 2000;

    private final HttpClient http;
    private final RequestOptions ping;
    private final BooleanSupplier databaseReady;
    private final Spool spool;

    InfluxHealth(Vertx vertx, String influxUrl, BooleanSupplier databaseReady, Spool spool) {
        URI uri = URI.create(influxUrl);
        boolean tls = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 8086);
        this.http = vertx.createHttpClient(new HttpClientOptions().setSsl(tls).setConnectTimeout((int) PING_TIMEOUT_MS));
        this.ping = new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost()).setPort(port)
                .setURI((uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "")) + "/ping")
                .setSsl(tls).setTimeout(PING_TIMEOUT_MS);
        this.databaseReady = databaseReady;
        this.spool = spool;
    }

    Future<Void> check() {
        return http.request(ping)
                .compose(request -> request.send())
                .recover(e -> Future.failedFuture("unreachable: " + e.getMessage()))
                .compose(response -> {
                    if (response.statusCode() != 204) return Future.failedFuture("ping answered " + response.statusCode());
                    if (!databaseReady.getAsBoolean()) return Future.failedFuture("database not created yet");
                    if (!spool.isWriterHealthy()) {
                        return Future.failedFuture("writes failing: " + spool.lastWriteError().orElse("unknown error"));
                    }
                    return Future.<Void>succeededFuture();
                });
    }
}
