package org.firehub.ingest.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedAcksTest {
    private final List<Integer> sent = new ArrayList<>();
    private final OrderedAcks acks = new OrderedAcks(sent::add);

    @Test
    void aLaterMessageStoredFirstWaitsForTheEarlierOne() {
        OrderedAcks.Slot first = acks.open(7);
        OrderedAcks.Slot second = acks.open(8);
        OrderedAcks.Slot third = acks.open(9);
        acks.complete(third);
        acks.complete(second);
        assertThat(sent).isEmpty();
        assertThat(acks.inFlight()).isEqualTo(3);
        acks.complete(first);
        assertThat(sent).containsExactly(7, 8, 9);
        assertThat(acks.inFlight()).isZero();
    }

    @Test
    void afterTheConnectionIsGoneNothingOfItIsAcknowledged() {
        OrderedAcks.Slot old = acks.open(1);
        acks.clear();
        OrderedAcks.Slot fresh = acks.open(1);
        acks.complete(fresh);
        assertThat(sent).containsExactly(1);
        acks.complete(old);
        assertThat(sent).as("the old connection's slot is not in the queue any more").containsExactly(1);
    }

    @Test
    void aMessageIsAcknowledgedOnlyOnce() {
        OrderedAcks.Slot slot = acks.open(3);
        acks.complete(slot);
        assertThatThrownBy(() -> acks.complete(slot)).isInstanceOf(IllegalStateException.class);
        assertThat(sent).containsExactly(3);
    }
}
