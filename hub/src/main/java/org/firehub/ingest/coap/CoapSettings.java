package org.firehub.ingest.coap;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the hub's CoAP endpoint.
 *
 * @param host bind address of both listeners
 * @param port plain CoAP port (0 = any free port); devices send their token as {@code ?token=}
 * @param dtlsPort CoAP over DTLS 1.2 PSK (0 = any free port)
 * @param dtlsEnabled whether the DTLS listener is started
 * @param maxBodyBytes the contract's body limit; larger bodies are answered 4.13 and counted
 * @param heardWindow a device counts as connected while it was heard from this recently
 *     ({@code firehub_connected_devices{transport="coap"}}: UDP has no connections to count)
 * @param acceptAfter how long an answer may take before the hub sends an empty ACK for a CON
 *     request (the 2.04 then follows as a separate response), so the device stops retransmitting
 */
public record CoapSettings(String host, int port, int dtlsPort, boolean dtlsEnabled, int maxBodyBytes,
                           Duration heardWindow, Duration acceptAfter) {
    public static final int DEFAULT_PORT = 5683;
    public static final int DEFAULT_DTLS_PORT = 5684;
    public static final int DEFAULT_MAX_BODY_BYTES = 4096;
    public static final Duration DEFAULT_HEARD_WINDOW = Duration.ofMinutes(10);
    public static final Duration DEFAULT_ACCEPT_AFTER = Duration.ofMillis(500);

    public CoapSettings {
        Objects.requireNonNull(host, "host");
        requirePort("port", port);
        requirePort("dtlsPort", dtlsPort);
        if (maxBodyBytes < 64) throw new IllegalArgumentException("maxBodyBytes must be >= 64, got " + maxBodyBytes);
        if (heardWindow.isNegative() || heardWindow.isZero()) throw new IllegalArgumentException("heardWindow must be positive");
        if (acceptAfter.isNegative()) throw new IllegalArgumentException("acceptAfter must not be negative");
    }

    /** Both listeners on 0.0.0.0 at 5683 and 5684, contract limits. */
    public static CoapSettings defaults() {
        return new CoapSettings("0.0.0.0", DEFAULT_PORT, DEFAULT_DTLS_PORT, true, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_HEARD_WINDOW, DEFAULT_ACCEPT_AFTER);
    }

    public CoapSettings withListeners(String host, int port, int dtlsPort) {
        return new CoapSettings(host, port, dtlsPort, dtlsEnabled, maxBodyBytes, heardWindow, acceptAfter);
    }

    public CoapSettings withDtls(boolean enabled) {
        return new CoapSettings(host, port, dtlsPort, enabled, maxBodyBytes, heardWindow, acceptAfter);
    }

    public CoapSettings withAcceptAfter(Duration acceptAfter) {
        return new CoapSettings(host, port, dtlsPort, dtlsEnabled, maxBodyBytes, heardWindow, acceptAfter);
    }

    private static void requirePort(String name, int value) {
        if (value < 0 || value > 65_535) throw new IllegalArgumentException(name + " must be 0..65535, got " + value);
    }
}
