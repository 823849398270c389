package org.firehub.ingest.mqtt;

import org.firehub.ingest.RejectReason;

/**
 * Counts what the MQTT endpoint itself refuses (bad credentials, foreign or unknown topics, a
 * publish given up on a full spool). The wiring connects it to
 * {@code firehub_ingest_rejected_total{transport="mqtt",reason}}; what the ingestor rejects
 * (body problems) the ingestor counts, so it is not counted here a second time.
 */
@FunctionalInterface
public interface MqttRefusalCounter {
    void refused(RejectReason reason);
}
