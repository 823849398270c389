package org.firehub.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One message a device is about to send; scenarios reshape it before it is encoded. */
final class Message {
    final Map<String, Double> readings;
    final List<String> events = new ArrayList<>();
    /** The device says nothing this tick (a silent or dead device). */
    boolean silent;
    /** The body is to be corrupted on the way out (bad-payloads). */
    boolean malformed;

    Message(Map<String, Double> readings) {
        this.readings = new LinkedHashMap<>(readings);
    }
}
