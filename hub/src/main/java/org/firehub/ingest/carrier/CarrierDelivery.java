package org.firehub.ingest.carrier;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.firehub.auth.CredentialsLookup;
import org.firehub.device.Device;
import org.firehub.device.DeviceCredentials;
import org.firehub.device.DeviceId;
import org.firehub.ingest.Channel;
import org.firehub.ingest.ContentFormat;
import org.firehub.ingest.IngestResult;
import org.firehub.ingest.Ingestor;
import org.firehub.ingest.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one platform message to the ingest path as if the device had sent it: resolve the
 * firehub device, map vendor fields through the product mapping, build the contract's JSON body
 * and call {@link Ingestor#accept} with {@link Transport#CARRIER}, so that validation, dedup and
 * durability are exactly those of every other transport. The platform's timestamp becomes
 * {@code ts}: a platform retry then rewrites the same points in InfluxDB (idempotent) rather
 * than adding new ones.
 *
 * <p>The future succeeds with what happened (stored, rejected, nothing to store) and fails only
 * when the message was not made durable for the hub's own reasons (spool full, registry or disk
 * down), which the webhook answers with a status that makes the platform retry.
 */
final class CarrierDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierDelivery.class);

    enum Outcome { STORED, NOTHING_TO_STORE, UNKNOWN_DEVICE, REJECTED }

    private final Vertx vertx;
    private final CredentialsLookup devices;
    private final Ingestor ingestor;
    private final CarrierMetrics metrics;

    CarrierDelivery(Vertx vertx, CredentialsLookup devices, Ingestor ingestor, CarrierMetrics metrics) {
        this.vertx = vertx;
        this.devices = devices;
        this.ingestor = ingestor;
        this.metrics = metrics;
    }

    Future<Outcome> deliver(Subscription subscription, CarrierMessage message) {
        if (message.type() == CarrierMessage.Type.ONLINE || message.type() == CarrierMessage.Type.OFFLINE) {
            metrics.presence(subscription.name(), message.type() == CarrierMessage.Type.ONLINE);
            return Future.succeededFuture(Outcome.NOTHING_TO_STORE);
        }
        Optional<DeviceId> id = subscription.deviceId().resolve(message.ids());
        if (id.isEmpty()) {
            metrics.unknownDevice(subscription.name());
            LOG.debug("{}: no firehub device id from {} with {}", subscription, subscription.deviceId().pattern(), message.ids());
            return Future.succeededFuture(Outcome.UNKNOWN_DEVICE);
        }
        MappedValues mapped = subscription.productFor(message.productId()).map(message.fields());
        mapped.unmappedFields().forEach(field -> metrics.unmapped(subscription.name(), field));
        if (mapped.isEmpty()) return Future.succeededFuture(Outcome.NOTHING_TO_STORE);

        Context caller = vertx.getOrCreateContext();
        return onContext(caller, devices.find(id.get())).compose(found -> {
            if (found.isEmpty()) {
                metrics.unknownDevice(subscription.name());
                LOG.debug("{}: device {} is not registered", subscription, id.get());
                return Future.succeededFuture(Outcome.UNKNOWN_DEVICE);
            }
            return ingest(found.get(), message, mapped);
        });
    }

    private Future<Outcome> ingest(DeviceCredentials credentials, CarrierMessage message, MappedValues mapped) {
        Device device = credentials.device();
        JsonObject body = new JsonObject();
        message.ts().ifPresent(ts -> body.put("ts", ts));
        if (!mapped.readings().isEmpty()) body.put("readings", new JsonObject(new LinkedHashMap<>(mapped.readings())));
        if (!mapped.events().isEmpty()) body.put("events", new JsonArray(mapped.events()));
        Channel channel = mapped.readings().isEmpty() ? Channel.EVENTS : Channel.TELEMETRY;
        return ingestor.accept(device, Transport.CARRIER, channel, body.toBuffer(), ContentFormat.JSON)
                .map(result -> switch (result) {
                    case IngestResult.Stored stored -> Outcome.STORED;
                    case IngestResult.Duplicate duplicate -> Outcome.STORED;
                    case IngestResult.Rejected rejected -> Outcome.REJECTED; // counted and logged by the ingestor
                });
    }

    /** Lookups complete on the database client's context; the answer belongs to the request's. */
    private static <T> Future<T> onContext(Context context, Future<T> future) {
        Promise<T> promise = Promise.promise();
        future.onComplete(result -> context.runOnContext(ignored -> promise.handle(result)));
        return promise.future();
    }

}
