package org.firehub.sim;

import io.vertx.core.Future;

/**
 * A device's way to the hub. {@link #send} completes when the hub acknowledged the message
 * (MQTT PUBACK, CoAP 2.04, HTTP 202) and fails with the hub's refusal or the transport's error.
 */
interface Link {
    /** Connects; request/response transports have nothing to connect and succeed at once. */
    Future<Void> connect();

    /** {@code channel} is {@code telemetry} or {@code events}. */
    Future<Void> send(String channel, byte[] body);

    /** Called (once per connection) when an established connection drops. */
    void onDrop(Runnable handler);

    /** Drops the connection abruptly, as a device losing power or network would. */
    void drop();

    Future<Void> close();

    /** Whether sends can go out now (always true for request/response transports). */
    boolean connected();

    /** Sorts an error into a short label for the summary ("timeout", "refused", ...). */
    static String errorKind(Throwable error) {
        String name = error.getClass().getSimpleName();
        String message = String.valueOf(error.getMessage()).toLowerCase();
        if (message.contains("timeout") || message.contains("timed out")) return "timeout";
        if (message.contains("refused")) return "connection refused";
        if (message.contains("not authorized") || message.contains("401")) return "not authorized";
        if (error instanceof HubRefusal refusal) return refusal.kind();
        return name;
    }

    /** The hub answered, but not with an acknowledgement (e.g. 4.00 bad payload, 503 spool full). */
    final class HubRefusal extends RuntimeException {
        private final String kind;

        HubRefusal(String kind, String detail) {
            super(kind + ": " + detail, null, false, false);
            this.kind = kind;
        }

        String kind() {
            return kind;
        }
    }
}
