package org.firehub.tickets.evidence;

/**
 * Why an upload is not a photo the hub will keep. Each reason has its HTTP status and its stable
 * API {@code code}, which is also the {@code outcome} tag of {@code firehub_ticket_evidence_total}.
 */
public enum PhotoRefused {
    /** More bytes than {@code evidence.photo_max_mib}. */
    TOO_LARGE(413, "too_large"),
    /** The bytes are not JPEG or PNG by their magic numbers, whatever the Content-Type said. */
    NOT_AN_IMAGE(415, "unsupported_media_type"),
    /** The header claims more pixels than {@code evidence.photo_max_megapixels}: refused before decoding. */
    TOO_MANY_PIXELS(422, "image_too_large"),
    /** It starts like an image but does not decode cleanly (truncated, corrupt). */
    UNREADABLE(422, "invalid_image");

    private final int status;
    private final String code;

    PhotoRefused(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
