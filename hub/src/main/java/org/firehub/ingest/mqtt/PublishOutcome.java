package org.firehub.ingest.mqtt;

import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import org.firehub.ingest.RejectReason;

/**
 * The answer to one QoS 1/2 publish: an MQTT 5 reason code and, for a refusal, a reason string
 * the device's developer can read. MQTT 3.1.1 carries neither; its acknowledgement is plain.
 */
record PublishOutcome(MqttPubAckReasonCode code, String reason) {
    static final PublishOutcome SUCCESS = new PublishOutcome(MqttPubAckReasonCode.SUCCESS, null);

    static PublishOutcome refused(MqttPubAckReasonCode code, String reason) {
        return new PublishOutcome(code, reason);
    }

    /**
     * The MQTT 5 code for a message the ingestor rejected: 0x99 when the body cannot be read as
     * the contract's structure, 0x83 when it can but its content is not acceptable (a name the
     * device kind does not know, a timestamp out of range).
     */
    static PublishOutcome rejected(RejectReason reason, String detail) {
        MqttPubAckReasonCode code = switch (reason) {
            case UNKNOWN_READING, UNKNOWN_EVENT, TS_IN_FUTURE, TS_TOO_OLD -> MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
            case UNAUTHORIZED, FORBIDDEN -> MqttPubAckReasonCode.NOT_AUTHORIZED;
            case BAD_TOPIC -> MqttPubAckReasonCode.TOPIC_NAME_INVALID;
            case SPOOL_FULL -> MqttPubAckReasonCode.QUOTA_EXCEEDED;
            default -> MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID;
        };
        return new PublishOutcome(code, reason.label() + (detail == null || detail.isEmpty() ? "" : ": " + detail));
    }

    boolean isSuccess() {
        return code == MqttPubAckReasonCode.SUCCESS;
    }
}
