package org.firehub.ingest.mqtt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the hub's MQTT endpoint.
 *
 * @param host bind address of both listeners
 * @param port plain MQTT port (0 = any free port)
 * @param tlsPort MQTT over TLS port (0 = any free port); used only with a keystore
 * @param keystore PKCS12 keystore (key and certificate chain) of the TLS listener; empty = no TLS
 * @param keystorePassword password of the keystore
 * @param maxMessageSize largest MQTT packet the decoder accepts, in bytes (the 4 KiB body limit
 *     is the ingestor's; this one keeps a client from making the hub buffer megabytes)
 * @param maxInFlight unacknowledged QoS 1/2 publishes per connection (MQTT 5 Receive Maximum)
 * @param connectTimeout how long a client has to send CONNECT, and the hub to authenticate it
 * @param sinkFullMaxWait how long one publish is retried against a full spool before giving up
 */
public record MqttSettings(
        String host,
        int port,
        int tlsPort,
        Optional<Path> keystore,
        String keystorePassword,
        int maxMessageSize,
        int maxInFlight,
        Duration connectTimeout,
        Duration sinkFullMaxWait) {

    public static final int DEFAULT_PORT = 1883;
    public static final int DEFAULT_TLS_PORT = 8883;
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 8 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SINK_FULL_MAX_WAIT = Duration.ofSeconds(60);

    public MqttSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(keystore, "keystore");
        keystorePassword = keystorePassword == null ? "" : keystorePassword;
        requirePort("port", port);
        requirePort("tlsPort", tlsPort);
        if (maxMessageSize < 64) throw new IllegalArgumentException("maxMessageSize must be >= 64, got " + maxMessageSize);
        if (maxInFlight < 1 || maxInFlight > 65_535) {
            throw new IllegalArgumentException("maxInFlight must be 1..65535, got " + maxInFlight);
        }
        if (connectTimeout.toSeconds() < 1) throw new IllegalArgumentException("connectTimeout must be >= 1 s");
        if (sinkFullMaxWait.isNegative()) throw new IllegalArgumentException("sinkFullMaxWait must not be negative");
    }

    /** Plain listener on 0.0.0.0:1883, no TLS, contract defaults for the limits. */
    public static MqttSettings defaults() {
        return new MqttSettings("0.0.0.0", DEFAULT_PORT, DEFAULT_TLS_PORT, Optional.empty(), "",
                DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_IN_FLIGHT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SINK_FULL_MAX_WAIT);
    }

    public boolean tlsEnabled() {
        return keystore.isPresent();
    }

    public MqttSettings withListener(String host, int port) {
        return new MqttSettings(host, port, tlsPort, keystore, keystorePassword, maxMessageSize, maxInFlight,
                connectTimeout, sinkFullMaxWait);
    }

    public MqttSettings withTls(int tlsPort, Path keystore, String keystorePassword) {
        return new MqttSettings(host, port, tlsPort, Optional.of(keystore), keystorePassword, maxMessageSize,
                maxInFlight, connectTimeout, sinkFullMaxWait);
    }

    public MqttSettings withLimits(int maxMessageSize, int maxInFlight) {
        return new MqttSettings(host, port, tlsPort, keystore, keystorePassword, maxMessageSize, maxInFlight,
                connectTimeout, sinkFullMaxWait);
    }

    public MqttSettings withTimeouts(Duration connectTimeout, Duration sinkFullMaxWait) {
        return new MqttSettings(host, port, tlsPort, keystore, keystorePassword, maxMessageSize, maxInFlight,
                connectTimeout, sinkFullMaxWait);
    }

    private static void requirePort(String name, int value) {
        if (value < 0 || value > 65_535) throw new IllegalArgumentException(name + " must be 0..65535, got " + value);
    }

    @Override
    public String toString() {
        return "MqttSettings[" + host + ":" + port + (tlsEnabled() ? ", tls :" + tlsPort : "") + ", maxMessageSize="
                + maxMessageSize + ", maxInFlight=" + maxInFlight + ", connectTimeout=" + connectTimeout + "]";
    }
}
