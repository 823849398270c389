package org.firehub.alarms;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Work that must commit together with an alarm change, or not at all: queuing its outbound
 * notification. Runs inside the change's transaction, after its statement; a failure rolls
 * the change back, so a raised alarm is never committed without its notification queued.
 */
@FunctionalInterface
public interface CommitListener {
    CommitListener NONE = (transaction, change) -> Future.succeededFuture();

    Future<?> within(SqlClient transaction, AlarmChange change);
}
