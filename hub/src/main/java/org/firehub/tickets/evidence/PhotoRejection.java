package org.firehub.tickets.evidence;

/** An upload refused for {@link #reason()}, with a message for the person who sent it. */
final class PhotoRejection extends RuntimeException {
    private final PhotoRefused reason;

    PhotoRejection(PhotoRefused reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    PhotoRefused reason() {
        return reason;
    }
}
