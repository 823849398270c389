package org.firehub.app.admin;

/** What every subcommand needs from the root command: a logged-in client. */
public interface HubConnector {
    HubClient connect();
}
