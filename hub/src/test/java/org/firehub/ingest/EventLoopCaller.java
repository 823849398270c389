package org.firehub.ingest;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.firehub.device.Device;

/**
 * Calls an {@link Ingestor} the way a transport does, from a Vert.x event loop, and records
 * the calling thread and the thread its result arrived on.
 */
final class EventLoopCaller {
    record Call(AsyncResult<IngestResult> outcome, Thread callerThread, Thread completionThread) {
        IngestResult result() {
            if (outcome.failed()) throw new AssertionError("ingest failed: " + outcome.cause(), outcome.cause());
            return outcome.result();
        }
    }

    private final Context context;
    private final Ingestor ingestor;

    EventLoopCaller(Context context, Ingestor ingestor) {
        this.context = context;
        this.ingestor = ingestor;
    }

    /** Starts one accept on the event loop; the future completes with what the transport saw. */
    CompletableFuture<Call> start(Device device, Transport transport, Channel channel, Buffer body, ContentFormat format) {
        CompletableFuture<Call> call = new CompletableFuture<>();
        context.runOnContext(v -> {
            Thread caller = Thread.currentThread();
            ingestor.accept(device, transport, channel, body, format)
                    .onComplete(outcome -> call.complete(new Call(outcome, caller, Thread.currentThread())));
        });
        return call;
    }

    Call call(Device device, Transport transport, Channel channel, Buffer body, ContentFormat format) {
        try {
            return start(device, transport, channel, body, format).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no ingest outcome within 10 s", e);
        }
    }

    IngestResult result(Device device, Transport transport, Channel channel, Buffer body, ContentFormat format) {
        return call(device, transport, channel, body, format).result();
    }
}
