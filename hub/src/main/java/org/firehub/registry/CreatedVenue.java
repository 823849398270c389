package org.firehub.registry;

/** The answer to a venue creation: its id and the URL its QR code encodes. */
public record CreatedVenue(long id, String qrToken, String publicUrl) {}
