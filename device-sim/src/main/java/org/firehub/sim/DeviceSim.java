package org.firehub.sim;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./firehub sim ...}: simulated fire-safety devices for demos, tests and benchmarks. */
@Command(name = "firehub sim", mixinStandardHelpOptions = true,
        description = "Simulated fire-safety devices.",
        subcommands = {DemoCommand.class, LoadCommand.class, InfluxCeilingCommand.class})
public final class DeviceSim {
    public static void main(String[] args) {
        System.exit(new CommandLine(new DeviceSim()).execute(args));
    }
}
