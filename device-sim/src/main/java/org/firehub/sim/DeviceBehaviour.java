package org.firehub.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What one device says, message after message: drifting readings and battery drain
 * ({@link ReadingModel}), a per-device {@code seq}, then every scenario's reshaping, then the wire
 * body. Pure and seeded, so tests can replay a device exactly; no I/O here.
 */
final class DeviceBehaviour {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What goes on the wire; {@code channel} is {@code telemetry} or {@code events}. */
    record Outgoing(long tick, String channel, byte[] body, boolean malformed) {}

    private final SimDevice device;
    private final List<Scenario> scenarios;
    private final RandomGenerator random;
    private final ReadingModel readings;
    private final boolean involved;
    private final long seqBase;
    private long tick;

    DeviceBehaviour(SimDevice device, List<Scenario> scenarios, RandomGenerator random) {
        this(device, scenarios, random, 0);
    }

    /**
     * @param seqBase added to every {@code seq}: a run gives its start time in ms, so the seqs of a
     *        re-run with the same devices are above the last run's and the hub stores them instead of
     *        acknowledging them as duplicates (without the spool append: a latency figure measured so
     *        would be of the duplicate path)
     */
    DeviceBehaviour(SimDevice device, List<Scenario> scenarios, RandomGenerator random, long seqBase) {
        this.seqBase = seqBase;
        this.device = device;
        this.scenarios = scenarios;
        this.random = random;
        this.readings = new ReadingModel(device.kind(), random);
        this.involved = scenarios.stream().anyMatch(s -> s.involves(device));
    }

    /** Devices in an incident report faster, as real detectors do once in alarm. */
    boolean involvedInIncident() {
        return involved;
    }

    /** The next message, or null when the device stays silent this tick. */
    Outgoing next(long nowMillis) {
        long current = tick++;
        Message message = new Message(readings.next());
        if (device.kind().equals("smoke") && current % 12 == 0) message.events.add("heartbeat");
        for (Scenario scenario : scenarios) scenario.shape(device, current, message, random);
        // A camera has no readings: it speaks only when it sees something (the hub rejects an empty body).
        if (message.silent || message.readings.isEmpty() && message.events.isEmpty() && !message.malformed) return null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ts", nowMillis);
        body.put("seq", seqBase + current + 1);
        body.put("readings", message.readings);
        if (!message.events.isEmpty()) body.put("events", message.events);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("encoding a body of " + device.deviceId(), e);
        }
        if (message.malformed) bytes = BadPayloads.corrupt(bytes, random);
        return new Outgoing(current, message.events.isEmpty() ? "telemetry" : "events", bytes, message.malformed);
    }
}
