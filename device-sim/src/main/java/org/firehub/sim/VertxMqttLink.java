package org.firehub.sim;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * MQTT 3.1.1 over the Vert.x client: one event loop serves thousands of connections, which is how
 * one process on a small machine simulates 10,000+ devices. Publishes are QoS 1; a send completes
 * on its PUBACK. Must be used from the Vert.x context it was created on.
 */
final class VertxMqttLink implements Link {
    private final MqttClient client;
    private final String host;
    private final int port;
    private final String topicPrefix;
    /** Packet id → the send waiting for its PUBACK. */
    private final Map<Integer, Promise<Void>> inflight = new HashMap<>();
    private Runnable onDrop = () -> { };
    private boolean connected;

    VertxMqttLink(Vertx vertx, SimDevice device, String host, int port, String localAddress, int keepAliveSeconds) {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId("sim-" + device.deviceId())
                .setUsername(device.deviceId())
                .setPassword(device.token())
                .setCleanSession(true)
                .setKeepAliveInterval(keepAliveSeconds)
                .setAutoKeepAlive(true)
                .setMaxInflightQueue(64);
        // These are NetClientOptions' setters and return that type, so they are called on their own.
        options.setConnectTimeout(15_000);
        if (localAddress != null) options.setLocalAddress(localAddress);
        this.client = MqttClient.create(vertx, options);
        this.host = host;
        this.port = port;
        this.topicPrefix = "devices/" + device.deviceId() + "/";
        client.publishCompletionHandler(packetId -> complete(packetId, null));
        client.publishCompletionExpirationHandler(packetId -> complete(packetId, "no PUBACK in time"));
        client.closeHandler(v -> {
            boolean wasConnected = connected;
            connected = false;
            failAll("connection closed");
            if (wasConnected) onDrop.run();
        });
    }

    @Override
    public Future<Void> connect() {
        return client.connect(port, host).compose(ack -> {
            if (ack.code() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                client.disconnect();
                return Future.failedFuture(new HubRefusal("connack " + ack.code().name().toLowerCase(), "CONNECT refused"));
            }
            connected = true;
            return Future.succeededFuture();
        });
    }

    @Override
    public Future<Void> send(String channel, byte[] body) {
        if (!connected) return Future.failedFuture(new HubRefusal("not connected", "MQTT link down"));
        Promise<Void> acked = Promise.promise();
        client.publish(topicPrefix + channel, Buffer.buffer(body), MqttQoS.AT_LEAST_ONCE, false, false)
                .onSuccess(packetId -> inflight.put(packetId, acked))
                .onFailure(acked::tryFail);
        return acked.future();
    }

    private void complete(int packetId, String failure) {
        Promise<Void> promise = inflight.remove(packetId);
        if (promise == null) return;
        if (failure == null) promise.tryComplete();
        else promise.tryFail(new HubRefusal("timeout", failure));
    }

    private void failAll(String why) {
        Map<Integer, Promise<Void>> pending = new HashMap<>(inflight);
        inflight.clear();
        pending.values().forEach(p -> p.tryFail(new HubRefusal("disconnected", why)));
    }

    @Override
    public void onDrop(Runnable handler) {
        this.onDrop = handler;
    }

    @Override
    public void drop() {
        // The Vert.x client has no abrupt close: a DISCONNECT, then the socket closes. The storm is in the timing.
        if (connected) client.disconnect();
    }

    @Override
    public Future<Void> close() {
        boolean was = connected;
        connected = false;
        onDrop = () -> { };
        return was ? client.disconnect() : Future.succeededFuture();
    }

    @Override
    public boolean connected() {
        return connected;
    }
}
