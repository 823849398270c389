package org.firehub.ingest.carrier;

/** A push body that is not the platform's documented structure; answered 400, counted as malformed. */
final class MalformedPush extends Exception {
    MalformedPush(String message) {
        super(message, null, false, false);
    }
}
