package org.firehub.people;

import io.vertx.core.Future;

/**
 * Decides a person's {@link AccessScope}. Asynchronous because grid memberships and venue
 * ownership live in PostgreSQL.
 */
@FunctionalInterface
public interface AccessScopes {

    Future<AccessScope> of(Principal principal);
}
