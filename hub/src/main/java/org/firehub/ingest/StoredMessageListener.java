package org.firehub.ingest;

/**
 * Told of every message once it is durable, before the device is acknowledged: the rule
 * engine's entry point. Called on the transport's event loop, so an implementation must only
 * hand the message over (enqueue) and return at once; it must not block or throw.
 */
@FunctionalInterface
public interface StoredMessageListener {
    StoredMessageListener NONE = message -> {};

    void stored(DeviceMessage message);
}
