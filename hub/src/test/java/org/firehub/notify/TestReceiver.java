package org.firehub.notify;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.firehub.testing.FreePorts;

/**
 * A real HTTP server standing in for an SMS or WeCom gateway: it records every request and
 * answers from a script, then with the fallback answer. One per test.
 */
final class TestReceiver implements AutoCloseable {
    record Answer(int status, Map<String, String> headers, long delayMillis) {
        static Answer status(int status) {
            return new Answer(status, Map.of(), 0);
        }

        /** Holds the request without answering (for timeouts). */
        static Answer never() {
            return new Answer(-1, Map.of(), 0);
        }
    }

    record Received(String path, MultiMap headers, String body, long arrivedNanos) {
        JsonObject json() {
            return new JsonObject(body);
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final int port;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Answer fallback = Answer.status(200);
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private TestReceiver(Vertx vertx, int port) throws Exception {
        this.vertx = vertx;
        this.port = port;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static TestReceiver start(Vertx vertx) throws Exception {
        return new TestReceiver(vertx, FreePorts.next());
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            received.add(new Received(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                    body.toString(), System.nanoTime()));
            Answer answer = script.poll();
            if (answer == null) answer = fallback;
            if (answer.status() < 0) return;
            Answer chosen = answer;
            Runnable respond = () -> {
                chosen.headers().forEach(request.response()::putHeader);
                request.response().setStatusCode(chosen.status()).end("answer " + chosen.status());
            };
            if (chosen.delayMillis() > 0) vertx.setTimer(chosen.delayMillis(), t -> respond.run());
            else respond.run();
        });
    }

    TestReceiver then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    TestReceiver otherwise(Answer answer) {
        fallback = answer;
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
