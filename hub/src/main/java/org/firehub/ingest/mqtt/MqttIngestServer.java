package org.firehub.ingest.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.PfxOptions;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT listener of the hub (plain or TLS), serving devices through a shared
 * {@link MqttConnectionHandler}. MQTT 3.1, 3.1.1 and 5.
 */
public final class MqttIngestServer {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestServer.class);
    private static final int MAX_CLIENT_ID_LENGTH = 256;

    private final MqttServer server;
    private final String name;

    private MqttIngestServer(Vertx vertx, MqttServerOptions options, MqttConnectionHandler handler, String name) {
        this.server = MqttServer.create(vertx, options).endpointHandler(handler)
                .exceptionHandler(e -> LOG.debug("{}: connection failed before CONNECT: {}", name, e.toString()));
        this.name = name;
    }

    /** The plain listener on {@code settings.host():settings.port()}. */
    public static MqttIngestServer plain(Vertx vertx, MqttConnectionHandler handler) {
        MqttSettings settings = handler.settings();
        return new MqttIngestServer(vertx, baseOptions(settings).setPort(settings.port()), handler, "mqtt");
    }

    /** The TLS listener on {@code settings.host():settings.tlsPort()}, with the configured PKCS12 keystore. */
    public static MqttIngestServer tls(Vertx vertx, MqttConnectionHandler handler) {
        MqttSettings settings = handler.settings();
        var keystore = settings.keystore()
                .orElseThrow(() -> new IllegalArgumentException("MQTT TLS listener needs a PKCS12 keystore"));
        MqttServerOptions options = baseOptions(settings).setPort(settings.tlsPort()).setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword(settings.keystorePassword()));
        return new MqttIngestServer(vertx, options, handler, "mqtts");
    }

    /** The plain listener, plus the TLS one when a keystore is configured. */
    public static List<MqttIngestServer> listeners(Vertx vertx, MqttConnectionHandler handler) {
        List<MqttIngestServer> servers = new ArrayList<>();
        servers.add(plain(vertx, handler));
        if (handler.settings().tlsEnabled()) servers.add(tls(vertx, handler));
        return servers;
    }

    private static MqttServerOptions baseOptions(MqttSettings settings) {
        return new MqttServerOptions()
                .setHost(settings.host())
                .setMaxMessageSize(settings.maxMessageSize())
                .setTimeoutOnConnect((int) Math.max(1, settings.connectTimeout().toSeconds()))
                .setAutoClientId(true) // the contract leaves the client id free, empty included
                .setMaxClientIdLength(MAX_CLIENT_ID_LENGTH);
    }

    /** Starts listening; the future holds the actual port (useful with port 0). */
    public Future<Integer> listen() {
        return server.listen()
                .map(MqttServer::actualPort)
                .onSuccess(port -> LOG.info("{} listening on port {}", name, port))
                .recover(e -> Future.failedFuture(new IllegalStateException(name + ": cannot listen: " + e.getMessage(), e)));
    }

    public Future<Void> close() {
        return server.close();
    }

    public int actualPort() {
        return server.actualPort();
    }
}
