package org.firehub.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MixTest {

    @Test
    void countsAreExactAndAddUpToTheTotal() {
        Mix mix = Mix.parse("smoke=60,gas=10,electrical=15,camera=5,water=10", DeviceSim.KINDS, "kind");
        assertEquals(Map.of("smoke", 300, "gas", 50, "electrical", 75, "camera", 25, "water", 50), mix.counts(500));
        assertEquals(7, mix.counts(7).values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void assignmentInterleavesKindsSoAnyPrefixIsMixed() {
        List<String> order = Mix.parse("mqtt=80,coap=10,http=10", DeviceSim.TRANSPORTS, "transport").assign(100);
        assertEquals(80, order.stream().filter("mqtt"::equals).count());
        assertEquals(10, order.stream().filter("coap"::equals).count());
        assertTrue(order.subList(0, 20).contains("coap") && order.subList(0, 20).contains("http"), order.subList(0, 20).toString());
    }

    @Test
    void zeroWeightMeansNone() {
        assertEquals(Map.of("mqtt", 10, "http", 0), Mix.parse("mqtt=1,http=0", DeviceSim.TRANSPORTS, "transport").counts(10));
    }

    @Test
    void badSpecsAreRefusedWithAMessageNamingTheProblem() {
        assertMessage("unknown transport 'amqp'", "mqtt=50,amqp=50");
        assertMessage("'mqtt' is not name=weight", "mqtt");
        assertMessage("weight of 'coap' is not a whole number: 'ten'", "coap=ten");
        assertMessage("weight of 'coap' is negative", "coap=-1");
        assertMessage("'http' given twice", "http=1,http=2");
        assertMessage("weights add up to 0", "http=0");
        assertMessage("mix is empty", " ");
    }

    private static void assertMessage(String expected, String spec) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Mix.parse(spec, DeviceSim.TRANSPORTS, "transport"));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
