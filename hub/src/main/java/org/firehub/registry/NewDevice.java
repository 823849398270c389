package org.firehub.registry;

/** A device to register; {@code venueId} null when absent from the request. */
public record NewDevice(String deviceId, String kind, Long venueId) {}
