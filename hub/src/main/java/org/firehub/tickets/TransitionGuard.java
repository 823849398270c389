package org.firehub.tickets;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import org.firehub.people.Principal;

/**
 * Conditions beyond the state machine that a step needs, checked inside the transition's
 * transaction: photo evidence on submission, device evidence (readings normal for a while)
 * before closure. Fails with a {@link TicketProblem} naming what is missing; the step is then
 * not taken. The default lets everything through (evidence arrives in the next session).
 */
@FunctionalInterface
public interface TransitionGuard {
    TransitionGuard NONE = (tx, ticket, request, actor) -> Future.succeededFuture();

    Future<Void> check(SqlClient transaction, Ticket ticket, TransitionRequest request, Principal actor);
}
