package org.firehub.rules.engine;

import org.firehub.device.Device;

/** A registered device as the engine loads it at start: where it is, and when it was last heard from. */
record KnownDevice(Device device, String venueType, long lastSeenMillis) {}
