package org.firehub.tickets.evidence;

/**
 * A photo as the hub keeps it: its own JPEG re-encoding of the decoded pixels.
 *
 * @param uploadedType what the upload was by its magic bytes
 * @param sha256 hex digest of {@code jpeg}, recorded in the audit so a served photo can be checked
 */
record NormalizedPhoto(byte[] jpeg, String uploadedType, int width, int height, String sha256) {}
