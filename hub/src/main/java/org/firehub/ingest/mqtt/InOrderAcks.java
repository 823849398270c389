package org.firehub.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The QoS 1/2 publishes of one connection that await their acknowledgement, in arrival order.
 * MQTT (3.1.1 and 5, section 4.6) wants PUBACKs in the order the PUBLISHes came, while the
 * ingest futures may complete in any order; an outcome is therefore sent only once every
 * earlier publish has its own. The queue's length is the connection's in-flight window, which
 * a full spool keeps occupied so that the client slows down by itself.
 * Confined to the connection's event loop: not thread-safe.
 */
final class InOrderAcks {

    /** Sends one acknowledgement on the wire. */
    @FunctionalInterface
    interface Sender {
        void send(int packetId, MqttQoS qos, PublishOutcome outcome);
    }

    /** One publish awaiting its outcome. */
    static final class Slot {
        private final int packetId;
        private final MqttQoS qos;
        private PublishOutcome outcome;

        private Slot(int packetId, MqttQoS qos) {
            this.packetId = packetId;
            this.qos = qos;
        }

        int packetId() {
            return packetId;
        }
    }

    private final Deque<Slot> pending = new ArrayDeque<>();
    private final Sender sender;

    InOrderAcks(Sender sender) {
        this.sender = sender;
    }

    Slot open(int packetId, MqttQoS qos) {
        Slot slot = new Slot(packetId, qos);
        pending.addLast(slot);
        return slot;
    }

    void complete(Slot slot, PublishOutcome outcome) {
        if (slot.outcome != null) throw new IllegalStateException("packet " + slot.packetId + " already answered");
        slot.outcome = outcome;
        while (!pending.isEmpty() && pending.peekFirst().outcome != null) {
            Slot head = pending.removeFirst();
            sender.send(head.packetId, head.qos, head.outcome);
        }
    }

    /** A publish with this packet id still awaits its acknowledgement (a resend of it is ignored). */
    boolean isPending(int packetId) {
        for (Slot slot : pending) {
            if (slot.packetId == packetId) return true;
        }
        return false;
    }

    int inFlight() {
        return pending.size();
    }

    /** The connection is gone: nothing more will be sent, the client redelivers what is unanswered. */
    void clear() {
        pending.clear();
    }
}
