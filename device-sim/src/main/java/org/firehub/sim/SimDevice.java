package org.firehub.sim;

/** A registered device as the simulator knows it: its id, kind, venue and the token the hub showed once. */
record SimDevice(String deviceId, String kind, long venueId, String token) {}
