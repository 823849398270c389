package org.firehub.alarms;

import io.vertx.core.Future;
import java.util.List;

/** Several {@link CommitListener}s in one alarm transaction, run one after the other. */
public final class CommitListeners {
    private CommitListeners() {}

    public static CommitListener all(List<CommitListener> listeners) {
        List<CommitListener> copy = List.copyOf(listeners);
        return (transaction, change) -> {
            Future<?> chain = Future.succeededFuture();
            for (CommitListener listener : copy) {
                chain = chain.compose(done -> listener.within(transaction, change));
            }
            return chain;
        };
    }
}
