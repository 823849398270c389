package org.firehub.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.ingest.Ingestor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated device's MQTT connection: owns the endpoint after CONNACK, answers
 * subscriptions, sends acknowledgements and ends the connection. Everything runs on the
 * connection's event loop; only {@link #takenOver} is called from elsewhere and hops onto it.
 */
final class DeviceSession implements MqttConnectionRegistry.Connection {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);
    private static final ThrottledLog REFUSED_SUBSCRIPTIONS = new ThrottledLog(LOG, 10, TimeUnit.SECONDS);
    private static final int MAX_REASON_STRING = 256;

    private final MqttEndpoint endpoint;
    private final Device device;
    private final Context context;
    private final MqttConnectionRegistry registry;
    private final boolean mqtt5;
    private final boolean problemInformation;
    private final InOrderAcks acks = new InOrderAcks(this::sendAck);
    private final PublishHandler publishes;
    private boolean closed;

    DeviceSession(Vertx vertx, Context context, MqttEndpoint endpoint, Device device, Ingestor ingestor,
                  MqttRefusalCounter refusals, MqttConnectionRegistry registry, MqttSettings settings) {
        this.endpoint = endpoint;
        this.device = device;
        this.context = context;
        this.registry = registry;
        this.mqtt5 = MqttVersions.isMqtt5(endpoint);
        this.problemInformation = MqttVersions.wantsProblemInformation(endpoint);
        this.publishes = new PublishHandler(vertx, this, ingestor, refusals, settings);
    }

    /** Accepts the CONNECT with the given CONNACK properties and takes the device's place in the registry. */
    void start(MqttProperties connackProperties) {
        endpoint.publishAutoAck(false);
        endpoint.subscriptionAutoAck(false);
        endpoint.publishHandler(publishes::handle);
        // QoS 2: the PUBREC went out once the message was durable; PUBREL only asks us to forget the id.
        endpoint.publishReleaseHandler(endpoint::publishComplete);
        endpoint.subscribeHandler(this::onSubscribe);
        endpoint.unsubscribeHandler(unsubscribe -> endpoint.unsubscribeAcknowledge(unsubscribe.messageId()));
        endpoint.closeHandler(ignored -> onClosed());
        endpoint.exceptionHandler(this::onException);
        endpoint.accept(false, connackProperties);
        registry.register(this);
    }

    @Override
    public DeviceId deviceId() {
        return device.id();
    }

    @Override
    public void takenOver() {
        context.runOnContext(ignored -> {
            LOG.info("device {}: new MQTT connection from the same device, closing the previous one", device.id());
            terminate(MqttDisconnectReasonCode.SESSION_TAKEN_OVER);
        });
    }

    Device device() {
        return device;
    }

    Context context() {
        return context;
    }

    boolean isMqtt5() {
        return mqtt5;
    }

    boolean isClosed() {
        return closed;
    }

    InOrderAcks acks() {
        return acks;
    }

    /** Ends the connection; an MQTT 5 client is told why (3.1.1 has no server DISCONNECT). */
    void terminate(MqttDisconnectReasonCode reason) {
        if (closed) return;
        closed = true;
        acks.clear();
        try {
            if (mqtt5) {
                endpoint.disconnect(reason, MqttProperties.NO_PROPERTIES);
            } else {
                endpoint.close();
            }
        } catch (IllegalStateException alreadyClosed) {
            LOG.debug("device {}: connection already closed", device.id());
        }
    }

    private void sendAck(int packetId, MqttQoS qos, PublishOutcome outcome) {
        if (closed) return;
        if (!mqtt5) {
            if (qos == MqttQoS.EXACTLY_ONCE) endpoint.publishReceived(packetId);
            else endpoint.publishAcknowledge(packetId);
            return;
        }
        MqttProperties properties = reasonProperties(outcome.reason());
        if (qos == MqttQoS.EXACTLY_ONCE) {
            endpoint.publishReceived(packetId, MqttPubRecReasonCode.valueOf(outcome.code().name()), properties);
        } else {
            endpoint.publishAcknowledge(packetId, outcome.code(), properties);
        }
    }

    private MqttProperties reasonProperties(String reason) {
        // MQTT 5 §3.1.2.11.7: a client that set Request Problem Information to 0 gets no reason string.
        if (reason == null || !problemInformation) return MqttProperties.NO_PROPERTIES;
        MqttProperties properties = new MqttProperties();
        String bounded = reason.length() <= MAX_REASON_STRING ? reason : reason.substring(0, MAX_REASON_STRING);
        properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, bounded));
        return properties;
    }

    /** A device may subscribe to its own command topic only (QoS granted at most 1). */
    private void onSubscribe(MqttSubscribeMessage subscribe) {
        String commands = DeviceTopic.commandsOf(device.id());
        List<MqttSubAckReasonCode> codes = new ArrayList<>();
        for (MqttTopicSubscription subscription : subscribe.topicSubscriptions()) {
            if (commands.equals(subscription.topicName())) {
                codes.add(subscription.qualityOfService() == MqttQoS.AT_MOST_ONCE
                        ? MqttSubAckReasonCode.GRANTED_QOS0 : MqttSubAckReasonCode.GRANTED_QOS1);
            } else {
                REFUSED_SUBSCRIPTIONS.warn("device {}: subscription to '{}' refused (only {} is allowed)",
                        device.id(), subscription.topicName(), commands);
                codes.add(mqtt5 ? MqttSubAckReasonCode.NOT_AUTHORIZED : MqttSubAckReasonCode.UNSPECIFIED_ERROR);
            }
        }
        endpoint.subscribeAcknowledge(subscribe.messageId(), codes, MqttProperties.NO_PROPERTIES);
    }

    private void onException(Throwable error) {
        LOG.warn("device {}: MQTT connection error, closing it: {}", device.id(), error.toString());
        terminate(MqttDisconnectReasonCode.MALFORMED_PACKET);
    }

    private void onClosed() {
        closed = true;
        acks.clear();
        registry.unregister(this);
        LOG.debug("device {}: MQTT connection closed", device.id());
    }
}
