package org.firehub.device;

/**
 * A registered device as the ingest path sees it: who it is, what kind (which decides the
 * readings and events it may send), and where it is (the venue and grid tags of its series).
 */
public record Device(DeviceId id, String kind, long venueId, String grid) {}
