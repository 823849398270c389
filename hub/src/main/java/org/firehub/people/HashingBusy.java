package org.firehub.people;

/** Too many password hashes are queued; the caller should retry shortly (HTTP 503). */
public final class HashingBusy extends RuntimeException {
    public HashingBusy(int limit) {
        super("password hashing is saturated (" + limit + " in flight); retry shortly", null, false, false);
    }
}
