package org.firehub.ingest.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.firehub.device.Device;
import org.firehub.ingest.Channel;
import org.firehub.ingest.ContentFormat;
import org.firehub.ingest.DeviceMessage;
import org.firehub.ingest.IngestResult;
import org.firehub.ingest.Ingestor;
import org.firehub.ingest.Transport;

/**
 * The ingest port as the tests drive it: records every call and answers as the current
 * behaviour says (stored at once by default, or held until the test completes the promise).
 */
final class RecordingIngestor implements Ingestor {

    record Call(Device device, Transport transport, Channel channel, Buffer body, ContentFormat format,
                Promise<IngestResult> promise) {
        String text() {
            return body.toString();
        }

        void store() {
            promise.complete(stored(device));
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Function<Call, Future<IngestResult>> behaviour = call -> Future.succeededFuture(stored(call.device()));

    @Override
    public Future<IngestResult> accept(Device device, Transport transport, Channel channel, Buffer body, ContentFormat format) {
        Call call = new Call(device, transport, channel, body.copy(), format, Promise.promise());
        calls.add(call);
        return behaviour.apply(call);
    }

    void storeAtOnce() {
        behaviour = call -> Future.succeededFuture(stored(call.device()));
    }

    /** Calls stay pending until the test completes {@link Call#promise()}. */
    void hold() {
        behaviour = call -> call.promise().future();
    }

    void answer(Function<Call, Future<IngestResult>> behaviour) {
        this.behaviour = behaviour;
    }

    List<Call> calls() {
        return calls;
    }

    void reset() {
        calls.clear();
        storeAtOnce();
    }

    static IngestResult.Stored stored(Device device) {
        long now = System.currentTimeMillis();
        return new IngestResult.Stored(new DeviceMessage(device, now, OptionalLong.empty(), Map.of(), List.of("heartbeat"), now));
    }
}
