package org.firehub.alarms.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.firehub.alarms.AlarmChange;
import org.firehub.alarms.AlarmChanges;
import org.firehub.alarms.AlarmJson;
import org.firehub.alarms.AlarmScope;

/**
 * The live alarm feed behind {@code GET /api/v1/alarms/stream}: numbers every committed change,
 * keeps the last {@link FeedSettings#replayCapacity()} for reconnecting clients, and fans them
 * out to the open streams, each filtered by its person's scope.
 *
 * <p>All feed state lives on one Vert.x context, so numbering, replay and registration need no
 * locks and a client registered while changes flow sees each change exactly once, replayed or live.
 *
 * <p>Sequence numbers start at the start time in microseconds, so they keep increasing across a
 * restart; a {@code Last-Event-ID} the feed cannot replay (too old, from before a restart) gets a
 * {@code resync} event telling the client to reload the list.
 */
public final class AlarmFeed implements AutoCloseable {
    public static final String RESYNC_EVENT = "resync";

    private final Vertx vertx;
    private final Context context;
    private final FeedSettings settings;
    private final ArrayDeque<FeedEvent> recent = new ArrayDeque<>();
    private final List<FeedClient> clients = new ArrayList<>();
    private final AtomicInteger clientCount = new AtomicInteger();
    private final Counter slowDisconnects;
    private final AlarmChanges.Subscription subscription;
    private long nextSeq = System.currentTimeMillis() * 1000;
    private volatile long lastEventId = nextSeq - 1;

    private AlarmFeed(Vertx vertx, AlarmChanges changes, MeterRegistry meters, FeedSettings settings) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.settings = settings;
        Gauge.builder("firehub.alarm.feed.clients", clientCount, AtomicInteger::get)
                .description("Open live alarm feed streams").register(meters);
        this.slowDisconnects = Counter.builder("firehub.alarm.feed.slow.disconnects")
                .description("Live feed clients disconnected because they did not keep up").register(meters);
        this.subscription = changes.subscribe("live-feed", context, this::onChange);
    }

    public static AlarmFeed start(Vertx vertx, AlarmChanges changes, MeterRegistry meters) {
        return start(vertx, changes, meters, FeedSettings.defaults());
    }

    public static AlarmFeed start(Vertx vertx, AlarmChanges changes, MeterRegistry meters, FeedSettings settings) {
        return new AlarmFeed(vertx, changes, meters, settings);
    }

    /** How many streams are open now. */
    public int clients() {
        return clientCount.get();
    }

    /** The id of the newest change the feed has sent out (diagnostics; the start value before any). */
    public long lastEventId() {
        return lastEventId;
    }

    /** On the feed's context. */
    private void onChange(AlarmChange change) {
        lastEventId = nextSeq;
        FeedEvent event = FeedEvent.of(nextSeq++, change.kind().eventName(), change.alarm(),
                AlarmJson.toJson(change.alarm()).encode());
        recent.addLast(event);
        if (recent.size() > settings.replayCapacity()) recent.removeFirst();
        for (FeedClient client : clients) client.deliver(event);
    }

    /**
     * Opens a stream on {@code response}; call on the request's context.
     *
     * @param lastEventId the client's {@code Last-Event-ID}: replay what came after it
     * @param stillSignedIn checked at every heartbeat; a failed future ends the stream
     */
    void open(HttpServerResponse response, AlarmScope scope, OptionalLong lastEventId, String who,
              Supplier<Future<?>> stillSignedIn) {
        FeedClient client = new FeedClient(vertx, response, scope, who, stillSignedIn, slowDisconnects);
        client.open(settings, this::closed);
        clientCount.incrementAndGet();
        context.runOnContext(v -> register(client, lastEventId));
    }

    /** On the feed's context. */
    private void register(FeedClient client, OptionalLong lastEventId) {
        long latest = nextSeq - 1;
        String position = "id: " + latest + "\n\n";
        List<FeedEvent> replay = List.of();
        if (lastEventId.isPresent()) {
            long last = lastEventId.getAsLong();
            long oldestReplayable = recent.isEmpty() ? nextSeq : recent.getFirst().seq();
            if (last >= oldestReplayable - 1 && last <= latest) {
                replay = recent.stream().filter(e -> e.seq() > last).toList();
            } else {
                position = "id: " + latest + "\nevent: " + RESYNC_EVENT + "\ndata: "
                        + new JsonObject().put("reason", "changes after " + last + " are no longer kept; reload the alarm list")
                        .encode() + "\n\n";
            }
        }
        clients.add(client);
        client.start(replay, position);
    }

    private void closed(FeedClient client) {
        clientCount.decrementAndGet();
        context.runOnContext(v -> clients.remove(client));
    }

    /** Stops taking changes and ends every open stream. */
    @Override
    public void close() {
        subscription.cancel();
        context.runOnContext(v -> List.copyOf(clients).forEach(FeedClient::end));
    }
}
