package org.firehub.registry;

/**
 * A registered venue. The QR token is public by design (it is printed on the venue's door),
 * unlike device and session tokens, so it may be listed to operators.
 */
public record Venue(long id, String name, String address, String type, String grid, String qrToken, String publicUrl) {}
