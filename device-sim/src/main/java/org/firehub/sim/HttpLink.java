package org.firehub.sim;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/** HTTP POST to {@code /api/v1/devices/{id}/telemetry|events} with the bearer token; 202 is the ack. */
final class HttpLink implements Link {
    private final HttpClient http;
    private final String baseUrl;
    private final SimDevice device;

    HttpLink(HttpClient http, String baseUrl, SimDevice device) {
        this.http = http;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.device = device;
    }

    @Override public Future<Void> connect() { return Future.succeededFuture(); }

    @Override
    public Future<Void> send(String channel, byte[] body) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(baseUrl + "/api/v1/devices/" + device.deviceId() + "/" + channel)
                .putHeader("Authorization", "Bearer " + device.token())
                .putHeader("Content-Type", "application/json")
                .setTimeout(15_000);
        return http.request(request)
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(response -> response.body().compose(text -> response.statusCode() == 202
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new HubRefusal("http " + response.statusCode(), text.toString()))));
    }

    @Override public void onDrop(Runnable handler) { }
    @Override public void drop() { }
    @Override public Future<Void> close() { return Future.succeededFuture(); }
    @Override public boolean connected() { return true; }
}
