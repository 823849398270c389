package org.firehub.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.firehub.ingest.Channel;
import org.firehub.ingest.ContentFormat;
import org.firehub.ingest.DurableSink.SinkFullException;
import org.firehub.ingest.IngestResult;
import org.firehub.ingest.Ingestor;
import org.firehub.ingest.RejectReason;
import org.firehub.ingest.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish path of one connection, as one chain of small steps: check the in-flight window,
 * check the topic, hand the body to the ingestor, acknowledge once the ingestor says the
 * message is durable (or answer why not). Nothing is acknowledged that is not durable.
 * Runs on the connection's event loop.
 */
final class PublishHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PublishHandler.class);
    private static final ThrottledLog REFUSALS = new ThrottledLog(LOG, 10, TimeUnit.SECONDS);
    private static final ThrottledLog FAILURES = new ThrottledLog(LOG, 10, TimeUnit.SECONDS);

    private final Vertx vertx;
    private final DeviceSession session;
    private final Ingestor ingestor;
    private final MqttRefusalCounter refusals;
    private final int maxInFlight;
    private final long sinkFullMaxWaitNanos;

    PublishHandler(Vertx vertx, DeviceSession session, Ingestor ingestor, MqttRefusalCounter refusals,
                   MqttSettings settings) {
        this.vertx = vertx;
        this.session = session;
        this.ingestor = ingestor;
        this.refusals = refusals;
        this.maxInFlight = settings.maxInFlight();
        this.sinkFullMaxWaitNanos = settings.sinkFullMaxWait().toNanos();
    }

    void handle(MqttPublishMessage message) {
        if (session.isClosed()) return;
        boolean confirmed = message.qosLevel() != MqttQoS.AT_MOST_ONCE;
        if (confirmed && session.acks().isPending(message.messageId())) {
            return; // a resend of a publish still being stored: its acknowledgement is on the way
        }
        if (confirmed && session.acks().inFlight() >= maxInFlight) {
            REFUSALS.warn("device {}: more than {} unacknowledged publishes, closing the connection",
                    session.device().id(), maxInFlight);
            session.terminate(MqttDisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
            return;
        }
        Optional<DeviceTopic> topic = DeviceTopic.parse(message.topicName());
        if (topic.isEmpty()) {
            refuse(message, RejectReason.BAD_TOPIC, MqttPubAckReasonCode.TOPIC_NAME_INVALID,
                    MqttDisconnectReasonCode.TOPIC_NAME_INVALID, "not a device topic: " + message.topicName());
            return;
        }
        if (!topic.get().deviceId().equals(session.device().id())) {
            refuse(message, RejectReason.FORBIDDEN, MqttPubAckReasonCode.NOT_AUTHORIZED,
                    MqttDisconnectReasonCode.NOT_AUTHORIZED, "topic of another device: " + message.topicName());
            return;
        }
        InOrderAcks.Slot slot = confirmed ? session.acks().open(message.messageId(), message.qosLevel()) : null;
        ContentFormat format = formatOf(message);
        attempt(message.payload(), topic.get().channel(), format, slot, System.nanoTime() + sinkFullMaxWaitNanos);
    }

    /**
     * A publish the device may not make. MQTT 5 answers it (QoS 0: silently dropped); MQTT 3.1.1
     * has no negative PUBACK, so the only refusal a client notices is the end of the connection.
     */
    private void refuse(MqttPublishMessage message, RejectReason reason, MqttPubAckReasonCode code,
                        MqttDisconnectReasonCode disconnectCode, String detail) {
        refusals.refused(reason);
        REFUSALS.warn("device {}: publish refused ({}): {}", session.device().id(), reason.label(), detail);
        if (!session.isMqtt5()) {
            session.terminate(disconnectCode);
        } else if (message.qosLevel() != MqttQoS.AT_MOST_ONCE) {
            InOrderAcks.Slot slot = session.acks().open(message.messageId(), message.qosLevel());
            session.acks().complete(slot, PublishOutcome.refused(code, reason.label() + ": " + detail));
        }
    }

    private void attempt(Buffer body, Channel channel, ContentFormat format, InOrderAcks.Slot slot, long deadline) {
        ingestor.accept(session.device(), Transport.MQTT, channel, body, format)
                .onComplete(result -> onContext(() -> settle(result, body, channel, format, slot, deadline)));
    }

    private void settle(AsyncResult<IngestResult> result, Buffer body, Channel channel, ContentFormat format,
                        InOrderAcks.Slot slot, long deadline) {
        if (session.isClosed()) return; // unanswered: the client redelivers on its next connection
        if (result.succeeded()) {
            answer(slot, outcomeOf(result.result()));
        } else if (result.cause() instanceof SinkFullException full) {
            retryOrGiveUp(full, body, channel, format, slot, deadline);
        } else {
            FAILURES.warn("device {}: ingest failed, message not acknowledged: {}", session.device().id(),
                    String.valueOf(result.cause()));
            if (slot == null) return;
            if (session.isMqtt5()) {
                answer(slot, PublishOutcome.refused(MqttPubAckReasonCode.UNSPECIFIED_ERROR, "hub could not store the message"));
            } else {
                session.terminate(MqttDisconnectReasonCode.UNSPECIFIED_ERROR);
            }
        }
    }

    /**
     * Stored and Duplicate are acknowledged. A Rejected body gets its reason under MQTT 5; under
     * MQTT 3.1.1 it is acknowledged anyway: the message was consumed and counted, there is no
     * negative PUBACK, and closing the connection would only make the client redeliver the same
     * bad body forever while its good readings queue up behind it.
     */
    private PublishOutcome outcomeOf(IngestResult result) {
        return switch (result) {
            case IngestResult.Stored stored -> PublishOutcome.SUCCESS;
            case IngestResult.Duplicate duplicate -> PublishOutcome.SUCCESS;
            case IngestResult.Rejected rejected -> session.isMqtt5()
                    ? PublishOutcome.rejected(rejected.reason(), rejected.detail())
                    : PublishOutcome.SUCCESS;
        };
    }

    /**
     * A full spool is back-pressure, not an error: the message stays unacknowledged and occupies
     * its slot of the in-flight window (so the client stops sending once the window is full),
     * and is offered again after the spool's hint, for a bounded time. QoS 0 messages are not
     * held: the device chose at-most-once, and holding them would be an unbounded buffer.
     */
    private void retryOrGiveUp(SinkFullException full, Buffer body, Channel channel, ContentFormat format,
                               InOrderAcks.Slot slot, long deadline) {
        long delayMillis = Math.max(1, full.retryAfterMillis());
        if (slot != null && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis) - deadline <= 0) {
            vertx.setTimer(delayMillis, timer -> onContext(() -> {
                if (!session.isClosed()) attempt(body, channel, format, slot, deadline);
            }));
            return;
        }
        refusals.refused(RejectReason.SPOOL_FULL);
        FAILURES.warn("device {}: spool still full, giving up on a QoS {} publish", session.device().id(),
                slot == null ? 0 : 1);
        if (slot == null) return;
        if (session.isMqtt5()) {
            answer(slot, PublishOutcome.refused(MqttPubAckReasonCode.QUOTA_EXCEEDED, "spool full, retry later"));
        } else {
            session.terminate(MqttDisconnectReasonCode.QUOTA_EXCEEDED); // the client redelivers on reconnect
        }
    }

    private void answer(InOrderAcks.Slot slot, PublishOutcome outcome) {
        if (slot != null) session.acks().complete(slot, outcome);
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == session.context()) {
            action.run();
        } else {
            session.context().runOnContext(ignored -> action.run());
        }
    }

    /** MQTT 5 Content Type when it names one of the contract's formats, otherwise the first byte decides. */
    static ContentFormat formatOf(MqttPublishMessage message) {
        MqttProperties properties = message.properties();
        if (properties != null && properties.getProperty(MqttProperties.CONTENT_TYPE) instanceof MqttProperties.StringProperty type
                && type.value() != null) {
            String mediaType = type.value().toLowerCase(Locale.ROOT);
            if (mediaType.startsWith("application/cbor")) return ContentFormat.CBOR;
            if (mediaType.startsWith("application/json")) return ContentFormat.JSON;
        }
        return ContentFormat.sniff(message.payload());
    }
}
