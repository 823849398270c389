package org.firehub.ingest.mqtt;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import java.util.concurrent.TimeUnit;
import org.firehub.auth.DeviceAuthException;
import org.firehub.auth.DeviceAuthenticator;
import org.firehub.device.Device;
import org.firehub.ingest.Ingestor;
import org.firehub.ingest.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles each CONNECT: username = device id, password = token, checked without blocking;
 * an authenticated device gets a {@link DeviceSession}, anyone else a CONNACK "not authorized"
 * and nothing else (no state is kept for them). Shared by the plain and TLS listeners.
 */
public final class MqttConnectionHandler implements Handler<MqttEndpoint> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);
    private static final ThrottledLog REFUSED = new ThrottledLog(LOG, 10, TimeUnit.SECONDS);
    private static final ThrottledLog UNAVAILABLE = new ThrottledLog(LOG, 10, TimeUnit.SECONDS);

    private final Vertx vertx;
    private final MqttSettings settings;
    private final DeviceAuthenticator authenticator;
    private final Ingestor ingestor;
    private final MqttRefusalCounter refusals;
    private final MqttConnectionRegistry registry;

    private MqttConnectionHandler(Vertx vertx, MqttSettings settings, DeviceAuthenticator authenticator,
                                  Ingestor ingestor, MqttRefusalCounter refusals, MqttConnectionRegistry registry) {
        this.vertx = vertx;
        this.settings = settings;
        this.authenticator = authenticator;
        this.ingestor = ingestor;
        this.refusals = refusals;
        this.registry = registry;
    }

    /** Registers {@code firehub_connected_devices{transport="mqtt"}} in {@code meters}. */
    public static MqttConnectionHandler create(Vertx vertx, MqttSettings settings, DeviceAuthenticator authenticator,
                                               Ingestor ingestor, MqttRefusalCounter refusals, MeterRegistry meters) {
        return new MqttConnectionHandler(vertx, settings, authenticator, ingestor, refusals,
                new MqttConnectionRegistry(meters));
    }

    public MqttSettings settings() {
        return settings;
    }

    public MqttConnectionRegistry registry() {
        return registry;
    }

    @Override
    public void handle(MqttEndpoint endpoint) {
        Context context = vertx.getOrCreateContext();
        PendingConnect pending = new PendingConnect();
        endpoint.closeHandler(ignored -> pending.abandoned = true);
        long timer = vertx.setTimer(settings.connectTimeout().toMillis(), ignored -> {
            if (pending.settle()) {
                UNAVAILABLE.warn("MQTT client {}: authentication took longer than {}, refused",
                        endpoint.remoteAddress(), settings.connectTimeout());
                reject(endpoint, false);
            }
        });
        MqttAuth auth = endpoint.auth();
        authenticator.authenticate(auth == null ? null : auth.getUsername(), auth == null ? null : auth.getPassword())
                .onComplete(result -> {
                    vertx.cancelTimer(timer);
                    if (!pending.settle() || pending.abandoned) return; // timed out, or the client left
                    if (result.succeeded()) {
                        admit(endpoint, context, result.result());
                    } else {
                        refuse(endpoint, result.cause());
                    }
                });
    }

    private void admit(MqttEndpoint endpoint, Context context, Device device) {
        DeviceSession session = new DeviceSession(vertx, context, endpoint, device, ingestor, refusals, registry, settings);
        session.start(connackProperties(endpoint));
        LOG.debug("device {}: MQTT {} connection accepted from {}", device.id(),
                MqttVersions.isMqtt5(endpoint) ? "5" : "3.1.1", endpoint.remoteAddress());
    }

    private void refuse(MqttEndpoint endpoint, Throwable cause) {
        boolean credentialFault = !(cause instanceof DeviceAuthException auth) || auth.reason().isCredentialFault();
        if (credentialFault) {
            refusals.refused(RejectReason.UNAUTHORIZED);
            REFUSED.warn("MQTT client {}: not authorized: {}", endpoint.remoteAddress(), cause.getMessage());
        } else {
            UNAVAILABLE.warn("MQTT client {}: cannot authenticate now: {}", endpoint.remoteAddress(), cause.getMessage());
        }
        reject(endpoint, credentialFault);
    }

    private static void reject(MqttEndpoint endpoint, boolean notAuthorized) {
        boolean mqtt5 = MqttVersions.isMqtt5(endpoint);
        MqttConnectReturnCode code = notAuthorized
                ? (mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5 : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED)
                : (mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5 : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
        try {
            endpoint.reject(code);
        } catch (IllegalStateException alreadyClosed) {
            LOG.debug("MQTT client {} left before its CONNACK", endpoint.remoteAddress());
        }
    }

    /** MQTT 5 CONNACK: the limits a well-behaved client must respect, and what the hub does not offer. */
    private MqttProperties connackProperties(MqttEndpoint endpoint) {
        if (!MqttVersions.isMqtt5(endpoint)) return MqttProperties.NO_PROPERTIES;
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, settings.maxInFlight()));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, settings.maxMessageSize()));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.RETAIN_AVAILABLE, 0));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE, 0));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 0));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0));
        return properties;
    }

    /** Event-loop confined: the authentication result and the timeout race to settle it once. */
    private static final class PendingConnect {
        private boolean settled;
        private boolean abandoned;

        boolean settle() {
            if (settled) return false;
            settled = true;
            return true;
        }
    }
}
