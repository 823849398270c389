package org.firehub.registry;

import java.time.Instant;

/** A registered device as listed to operators: never its token or the token's hash. */
public record RegisteredDevice(String deviceId, String kind, long venueId, String grid, Instant registeredAt) {}
