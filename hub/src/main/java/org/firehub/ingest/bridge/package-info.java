/**
 * Bridges from external MQTT brokers (EMQX, Mosquitto, a carrier's platform) into the ingest
 * path, transport {@code bridge}.
 *
 * <p>Each configured broker ({@code config/bridges.yaml}, see {@link org.firehub.ingest.bridge.BridgesConfig})
 * gets one Paho mqttv3 client with a persistent session (clean session off), QoS 1 subscriptions
 * and manual acknowledgements: a message's PUBACK goes out, in arrival order, only once the
 * ingestor stored it durably (Stored, Duplicate) or refused it for good (a bad body, an unknown
 * device, a topic naming no device). A full spool, a failed store or an unreachable device
 * directory keeps the message unacknowledged and retried, which also keeps the broker's
 * in-flight window full so that it stops sending; a hub that dies gets the unacknowledged
 * messages again from the broker.
 *
 * <p>Metrics: {@code firehub_bridge_connected{bridge}}, {@code firehub_bridge_messages_total{bridge,outcome}}
 * (stored, duplicate, rejected, unknown_device, bad_topic), {@code firehub_bridge_retries_total{bridge,cause}}
 * (spool_full, error); refusals also count in {@code firehub_ingest_rejected_total{transport="bridge"}}:
 * unknown devices as {@code unauthorized}, topics naming no valid device as {@code bad_topic}, bodies by
 * their reason.
 *
 * <p>Entry point: {@link org.firehub.ingest.bridge.Bridges#start}.
 */
package org.firehub.ingest.bridge;
