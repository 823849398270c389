package org.firehub.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client over java.net.http that parses the stream as a browser's
 * EventSource does (WHATWG rules: fields, blank-line dispatch, the last event id set even by
 * an event without data, comments).
 */
public final class SseClient implements AutoCloseable {
    public record Event(String id, String name, String data, long receivedNanos) {
        public JsonObject json() {
            return new JsonObject(data);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final int status;
    private final String contentType;
    private volatile String lastEventId;
    private volatile boolean ended;

    private SseClient(String url, String token, String lastEventIdHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET().header("Accept", "text/event-stream");
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (lastEventIdHeader != null) request.header("Last-Event-ID", lastEventIdHeader);
        HttpResponse<Stream<String>> response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS);
        status = response.statusCode();
        contentType = response.headers().firstValue("Content-Type").orElse("");
        Thread reader = new Thread(() -> read(response.body()), "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient connect(String url, String token, String lastEventId) throws Exception {
        return new SseClient(url, token, lastEventId);
    }

    /** Connects and waits until the feed has registered the stream (its position marker arrived). */
    public static SseClient connected(String url, String token) throws Exception {
        SseClient client = connect(url, token, null);
        if (client.status != 200) throw new AssertionError("stream answered " + client.status);
        Await.until("the feed's position marker", Duration.ofSeconds(10), () -> client.lastEventId != null);
        return client;
    }

    private void read(Stream<String> lines) {
        StringBuilder data = new StringBuilder();
        String[] name = {null};
        String[] idBuffer = {lastEventId};
        try {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    lastEventId = idBuffer[0];
                    if (!data.isEmpty()) {
                        data.setLength(data.length() - 1);
                        events.add(new Event(lastEventId, name[0] == null ? "message" : name[0], data.toString(), System.nanoTime()));
                    }
                    data.setLength(0);
                    name[0] = null;
                    return;
                }
                if (line.startsWith(":")) {
                    comments.incrementAndGet();
                    return;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) value = value.substring(1);
                switch (field) {
                    case "data" -> data.append(value).append('\n');
                    case "event" -> name[0] = value;
                    case "id" -> idBuffer[0] = value;
                    default -> { }
                }
            });
        } catch (RuntimeException e) {
            // the connection was closed under us: that is what `ended` reports
        } finally {
            ended = true;
        }
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public String lastEventId() {
        return lastEventId;
    }

    public int comments() {
        return comments.get();
    }

    public boolean ended() {
        return ended;
    }

    public Event next(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (event == null) throw new AssertionError("no event within " + timeout);
        return event;
    }

    public boolean hasNoEvents() {
        return events.isEmpty();
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
