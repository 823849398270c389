package org.firehub.sim;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * MQTT over Eclipse Paho, the client many real gateways embed: realistic, but each client keeps
 * its own threads, so it suits hundreds of devices, not ten thousand (see docs/device-sim.md).
 * Completions arrive on Paho threads; the caller hops back to its own context.
 */
final class PahoMqttLink implements Link {
    private final MqttAsyncClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final String topicPrefix;
    private volatile Runnable onDrop = () -> { };

    PahoMqttLink(SimDevice device, String serverUri, int keepAliveSeconds) {
        try {
            client = new MqttAsyncClient(serverUri, "sim-" + device.deviceId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("MQTT URL " + serverUri + ": " + e.getMessage(), e);
        }
        options.setUserName(device.deviceId());
        options.setPassword(device.token().toCharArray());
        options.setCleanSession(true);
        options.setKeepAliveInterval(keepAliveSeconds);
        options.setMaxInflight(64);
        options.setAutomaticReconnect(false); // the engine reconnects, with its own backoff
        topicPrefix = "devices/" + device.deviceId() + "/";
        client.setCallback(new MqttCallback() {
            @Override public void connectionLost(Throwable cause) { onDrop.run(); }
            @Override public void messageArrived(String topic, MqttMessage message) { }
            @Override public void deliveryComplete(IMqttDeliveryToken token) { }
        });
    }

    @Override
    public Future<Void> connect() {
        Promise<Void> done = Promise.promise();
        try {
            client.connect(options, null, listener(done));
        } catch (MqttException e) {
            done.tryFail(e);
        }
        return done.future();
    }

    @Override
    public Future<Void> send(String channel, byte[] body) {
        Promise<Void> acked = Promise.promise();
        try {
            MqttMessage message = new MqttMessage(body);
            message.setQos(1);
            client.publish(topicPrefix + channel, message, null, listener(acked));
        } catch (MqttException e) {
            acked.tryFail(e);
        }
        return acked.future();
    }

    private static IMqttActionListener listener(Promise<Void> promise) {
        return new IMqttActionListener() {
            @Override public void onSuccess(IMqttToken token) { promise.tryComplete(); }
            @Override public void onFailure(IMqttToken token, Throwable error) { promise.tryFail(error); }
        };
    }

    @Override
    public void onDrop(Runnable handler) {
        this.onDrop = handler;
    }

    @Override
    public void drop() {
        Runnable handler = onDrop;
        Thread.ofVirtual().name("paho-drop").start(() -> {
            try {
                client.disconnectForcibly(0, 0, false);
                client.close(); // a dropped Paho client is never reused: the device makes a new one
            } catch (MqttException e) {
                // Dropping is the point; a client already gone is dropped too.
            }
            handler.run();
        });
    }

    /** Paho's disconnect blocks; it runs on a virtual thread, never on the caller's event loop. */
    @Override
    public Future<Void> close() {
        onDrop = () -> { };
        Promise<Void> closed = Promise.promise();
        Thread.ofVirtual().name("paho-close").start(() -> {
            try {
                if (client.isConnected()) client.disconnectForcibly(0, 1000, true);
                client.close();
                closed.tryComplete();
            } catch (MqttException e) {
                closed.tryFail(e);
            }
        });
        return closed.future();
    }

    @Override
    public boolean connected() {
        return client.isConnected();
    }
}
