package org.firehub.app.admin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A leaf subcommand that talks to the hub; failures are exceptions mapped to exit codes by the root. */
abstract class HubCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    protected HubClient hub() {
        return ((HubConnector) spec.root().userObject()).connect();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public final Integer call() {
        run();
        out().flush();
        return 0;
    }

    protected abstract void run();
}
