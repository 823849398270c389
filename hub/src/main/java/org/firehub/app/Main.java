package org.firehub.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code ./firehub hub}: runs the hub until SIGTERM / Ctrl-C. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        Hub hub;
        try {
            hub = Hub.start(HubConfig.fromEnvironment());
        } catch (Exception e) {
            log.error("firehub failed to start: {}", e.toString(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(hub::close, "firehub-shutdown"));
    }
}
