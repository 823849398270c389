package org.firehub.ingest.bridge;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.firehub.ingest.bridge.BridgedMessages.Arrival;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's subscription to one external broker (Paho mqttv3). The session is persistent
 * (clean session off) and acknowledgements are manual: a QoS 1 message gets its PUBACK only once
 * the ingest path made it durable or refused it for good, so a hub that dies with messages
 * in flight gets them again from the broker when it is back. Paho's callback thread only hands
 * each message to the bridge's Vert.x context; everything else runs there. Reconnects are its
 * own (exponential, {@link BridgeConfig#reconnectMin()} to {@link BridgeConfig#reconnectMax()}),
 * because Paho's automatic reconnect does not cover a broker that is down at start-up, and it
 * resubscribes after each connect in case the broker lost the session.
 */
final class MqttBridge implements MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);
    private static final int SUBSCRIBE_QOS = 1;
    private static final int SUBSCRIPTION_FAILED = 0x80;

    private final Vertx vertx;
    private final Context context;
    private final BridgeConfig config;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final BridgedMessages messages;
    private final BridgeMetrics metrics;
    private final OrderedAcks acks;
    /** Bumped on every connection loss (on Paho's thread, before any message of the next connection). */
    private final AtomicLong connection = new AtomicLong();
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private long reconnectDelayMillis;
    private long reconnectTimer = -1;

    MqttBridge(Vertx vertx, Context context, BridgeConfig config, MqttConnectOptions options,
               BridgedMessages messages, BridgeMetrics metrics) throws MqttException {
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.options = options;
        this.messages = messages;
        this.metrics = metrics;
        this.client = new MqttAsyncClient(config.serverUri(), config.clientId(), new MemoryPersistence());
        this.client.setManualAcks(true);
        this.client.setCallback(this);
        this.acks = new OrderedAcks(this::sendAck);
        this.reconnectDelayMillis = config.reconnectMin().toMillis();
    }

    /** The connect options of a bridge: persistent session, MQTT 3.1.1, credentials, TLS. */
    static MqttConnectOptions optionsOf(BridgeConfig config) throws BridgeConfigException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        options.setConnectionTimeout(10);
        config.username().ifPresent(options::setUserName);
        config.password().ifPresent(password -> options.setPassword(password.toCharArray()));
        if (config.tls().isPresent()) {
            options.setSocketFactory(TlsSocketFactories.create(config.tls().get()));
            options.setHttpsHostnameVerificationEnabled(config.tls().get().verifyHostname());
        }
        return options;
    }

    void start() {
        context.runOnContext(ignored -> connect());
    }

    BridgeHealth health() {
        return new BridgeHealth(config.name(), config.serverUri(), connected, Optional.ofNullable(lastError),
                Optional.ofNullable(lastErrorAt));
    }

    private void connect() {
        reconnectTimer = -1;
        if (closed) return;
        try {
            client.connect(options, null, listener(this::subscribe, this::connectFailed));
        } catch (MqttException e) {
            connectFailed(e);
        }
    }

    private void subscribe() {
        if (closed) {
            shutDownClient(false);
            return;
        }
        String[] filters = config.topics().stream().map(TopicMapping::subscription).toArray(String[]::new);
        int[] qos = new int[filters.length];
        Arrays.fill(qos, SUBSCRIBE_QOS);
        try {
            client.subscribe(filters, qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    onContext(() -> {
                        if (granted != null && Arrays.stream(granted).anyMatch(q -> q == SUBSCRIPTION_FAILED)) {
                            subscribeFailed(new IllegalStateException("broker refused a subscription of "
                                    + Arrays.toString(filters) + " (granted " + Arrays.toString(granted) + ")"));
                        } else {
                            subscribed(filters);
                        }
                    });
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    onContext(() -> subscribeFailed(failure));
                }
            });
        } catch (MqttException e) {
            subscribeFailed(e);
        }
    }

    private void subscribed(String[] filters) {
        if (closed) return;
        reconnectDelayMillis = config.reconnectMin().toMillis();
        connected = true;
        metrics.connected(true);
        LOG.info("bridge {}: connected to {} as {}, subscribed to {}", config.name(), config.serverUri(),
                config.clientId(), Arrays.toString(filters));
    }

    private void connectFailed(Throwable failure) {
        recordError("connect failed", failure);
        scheduleReconnect();
    }

    /** Without its subscriptions the bridge would sit connected and idle: start over. */
    private void subscribeFailed(Throwable failure) {
        recordError("subscribe failed", failure);
        connection.incrementAndGet();
        acks.clear();
        vertx.executeBlocking(() -> {
            client.disconnectForcibly(0, 1_000, true);
            return null;
        }, false).onComplete(ignored -> onContext(this::scheduleReconnect));
    }

    private void scheduleReconnect() {
        if (closed || reconnectTimer != -1) return;
        long delay = reconnectDelayMillis;
        reconnectDelayMillis = Math.min(reconnectDelayMillis * 2, config.reconnectMax().toMillis());
        LOG.info("bridge {}: reconnecting to {} in {} ms", config.name(), config.serverUri(), delay);
        reconnectTimer = vertx.setTimer(delay, timer -> connect());
    }

    @Override
    public void connectionLost(Throwable cause) {
        connection.incrementAndGet();
        onContext(() -> {
            recordError("connection lost", cause);
            connected = false;
            metrics.connected(false);
            acks.clear();
            scheduleReconnect();
        });
    }

    /** Paho's callback thread: tag the message with its connection and hand it over, nothing more. */
    @Override
    public void messageArrived(String topic, MqttMessage message) {
        Arrival arrival = new Arrival(connection.get(), topic, message.getPayload(), message.getId(), message.getQos());
        context.runOnContext(ignored -> onArrival(arrival));
    }

    private void onArrival(Arrival arrival) {
        if (closed || arrival.connection() != connection.get()) return; // the broker redelivers it
        OrderedAcks.Slot slot = arrival.qos() > 0 ? acks.open(arrival.messageId()) : null;
        messages.process(arrival, () -> !closed && arrival.connection() == connection.get(), settled -> {
            if (slot != null) acks.complete(slot);
        });
    }

    private void sendAck(int messageId) {
        try {
            client.messageArrivedComplete(messageId, SUBSCRIBE_QOS);
        } catch (MqttException e) {
            // The connection dropped between the store and the ack: the broker redelivers, the seq dedupes.
            LOG.debug("bridge {}: PUBACK {} not sent: {}", config.name(), messageId, e.toString());
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // The bridge publishes nothing.
    }

    /** Closes the bridge: unacknowledged messages stay with the broker's session. */
    Future<Void> close() {
        return closeWith(true);
    }

    /** Drops the connection without DISCONNECT and without acknowledging anything, as a crash would. */
    Future<Void> kill() {
        return closeWith(false);
    }

    private synchronized Future<Void> closeWith(boolean sendDisconnect) {
        if (closed) return Future.succeededFuture();
        closed = true;
        connection.incrementAndGet();
        return Future.<Void>future(promise -> onContext(() -> {
            if (reconnectTimer != -1) vertx.cancelTimer(reconnectTimer);
            reconnectTimer = -1;
            connected = false;
            metrics.connected(false);
            acks.clear();
            promise.complete();
        })).compose(ignored -> shutDownClient(sendDisconnect));
    }

    private Future<Void> shutDownClient(boolean sendDisconnect) {
        return vertx.executeBlocking(() -> {
            try {
                client.disconnectForcibly(0, sendDisconnect ? 1_000 : 0, sendDisconnect);
            } catch (MqttException | RuntimeException e) {
                LOG.debug("bridge {}: disconnect: {}", config.name(), e.toString());
            }
            try {
                client.close(true);
            } catch (MqttException | RuntimeException e) {
                LOG.debug("bridge {}: close: {}", config.name(), e.toString());
            }
            return null;
        }, false);
    }

    private void recordError(String what, Throwable failure) {
        String text = what + ": " + describe(failure);
        lastError = text;
        lastErrorAt = Instant.now();
        LOG.warn("bridge {} ({}): {}", config.name(), config.serverUri(), text);
    }

    private static String describe(Throwable failure) {
        if (failure == null) return "no detail";
        String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        Throwable cause = failure.getCause();
        if (cause == null || cause == failure) return text;
        String because = describe(cause);
        return text.contains(because) ? text : text + " (" + because + ")";
    }

    private IMqttActionListener listener(Runnable success, java.util.function.Consumer<Throwable> failure) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                onContext(success);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                onContext(() -> failure.accept(cause));
            }
        };
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
