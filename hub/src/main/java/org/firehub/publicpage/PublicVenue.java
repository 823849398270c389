package org.firehub.publicpage;

/** A venue as found by its QR token: the id stays inside the hub, only name and type are shown. */
record PublicVenue(long id, String name, String type, String qrToken) {}
