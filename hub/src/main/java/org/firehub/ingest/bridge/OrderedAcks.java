package org.firehub.ingest.bridge;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The QoS 1 messages of one broker connection that await their PUBACK, in arrival order. MQTT
 * 3.1.1 (section 4.6) wants PUBACKs in the order the PUBLISHes came while the ingest futures may
 * complete in any order: an acknowledgement is sent only once every earlier message has its own.
 * A message still waiting for the spool therefore also holds back the ones after it, which keeps
 * the broker's in-flight window full so that it stops sending. Confined to the bridge's context.
 */
final class OrderedAcks {

    @FunctionalInterface
    interface Sender {
        void ack(int messageId);
    }

    static final class Slot {
        private final int messageId;
        private boolean done;

        private Slot(int messageId) {
            this.messageId = messageId;
        }
    }

    private final Deque<Slot> pending = new ArrayDeque<>();
    private final Sender sender;

    OrderedAcks(Sender sender) {
        this.sender = sender;
    }

    Slot open(int messageId) {
        Slot slot = new Slot(messageId);
        pending.addLast(slot);
        return slot;
    }

    void complete(Slot slot) {
        if (slot.done) throw new IllegalStateException("message " + slot.messageId + " already acknowledged");
        slot.done = true;
        while (!pending.isEmpty() && pending.peekFirst().done) {
            sender.ack(pending.removeFirst().messageId);
        }
    }

    int inFlight() {
        return pending.size();
    }

    /** The connection is gone: its message ids mean nothing on the next one; the broker redelivers. */
    void clear() {
        pending.clear();
    }
}
