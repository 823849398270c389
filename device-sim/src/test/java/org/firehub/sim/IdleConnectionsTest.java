package org.firehub.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IdleConnectionsTest {
    @Test
    void sourceAddressesMoveOnBeforeAnAddressRunsOutOfEphemeralPorts() {
        assertEquals("127.0.1.2", IdleConnections.sourceAddress(1, 0));
        assertEquals("127.0.1.2", IdleConnections.sourceAddress(1, 4_999));
        assertEquals("127.0.1.3", IdleConnections.sourceAddress(1, 5_000));
        assertEquals("127.0.3.22", IdleConnections.sourceAddress(3, 100_000));
    }

    @Test
    void refusesAddressesOutsideTheLoopbackSubnet() {
        assertThrows(IllegalArgumentException.class, () -> IdleConnections.sourceAddress(0, 0));
        assertThrows(IllegalArgumentException.class, () -> IdleConnections.sourceAddress(1, 253 * 5_000));
    }
}
