package org.firehub.app;

import java.io.Console;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.firehub.app.admin.DeviceCommands;
import org.firehub.app.admin.GridCommands;
import org.firehub.app.admin.OwnerCommands;
import org.firehub.app.admin.UserCommands;
import org.firehub.app.admin.HubClient;
import org.firehub.app.admin.HubConnector;
import org.firehub.app.admin.HubRefused;
import org.firehub.app.admin.HubUnreachable;
import org.firehub.app.admin.ImportCommands;
import org.firehub.app.admin.QrCommands;
import org.firehub.app.admin.UsageProblem;
import org.firehub.app.admin.VenueCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The operator CLI ({@code ./firehub admin ...}): talks to a running hub's REST API.
 * Exit codes: 0 done, 1 refused by the hub (its reasons printed), 2 usage, 3 hub unreachable.
 */
@Command(name = "firehub admin", mixinStandardHelpOptions = true, version = "firehub admin 0.1",
        description = "Operate a running firehub: venues, devices, CSV imports, users, grids, venue owners, QR codes.",
        subcommands = {VenueCommands.class, DeviceCommands.class, ImportCommands.class, UserCommands.class,
                GridCommands.class, OwnerCommands.class, QrCommands.class},
        footer = {"", "Password: --password-file, else FIREHUB_ADMIN_PASSWORD, else asked on the terminal.",
                "Exit codes: 0 ok, 1 refused by the hub, 2 usage, 3 hub unreachable."})
public final class AdminCli implements HubConnector {
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;

    private final Map<String, String> env;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = {"The hub's base URL. Default: http://127.0.0.1:PORT",
                    "with PORT from FIREHUB_HTTP_PORT, else 8080."})
    String url;

    @Option(names = "--user", scope = ScopeType.INHERIT, defaultValue = "admin", description = "User to log in as (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "File whose first line is the password.")
    Path passwordFile;

    private HubClient client;

    public AdminCli(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The configured command line; {@code execute(args)} returns the exit code. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new AdminCli(env));
        cli.setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            var err = commandLine.getErr();
            int code = switch (failure) {
                case HubRefused refused -> {
                    err.println("refused by the hub (HTTP " + refused.status() + "): " + refused.getMessage());
                    refused.details().forEach(detail -> err.println("  " + detail));
                    yield REFUSED;
                }
                case HubUnreachable unreachable -> {
                    err.println(unreachable.getMessage());
                    yield UNREACHABLE;
                }
                case UsageProblem usage -> {
                    err.println(usage.getMessage());
                    yield USAGE;
                }
                default -> {
                    err.println("failed: " + failure);
                    yield REFUSED;
                }
            };
            err.flush();
            return code;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    @Override
    public HubClient connect() {
        if (client == null) {
            HubClient fresh = new HubClient(baseUri());
            fresh.login(user, password());
            client = fresh;
        }
        return client;
    }

    private URI baseUri() {
        String base = url != null ? url : "http://127.0.0.1:" + env.getOrDefault("FIREHUB_HTTP_PORT", "8080");
        try {
            URI uri = URI.create(base.endsWith("/") ? base : base + "/");
            if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException("no scheme or host");
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageProblem("--url '" + base + "' is not a URL like http://127.0.0.1:8080");
        }
    }

    private String password() {
        if (passwordFile != null) {
            try {
                return Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst()
                        .orElseThrow(() -> new UsageProblem("--password-file " + passwordFile + " is empty"));
            } catch (IOException e) {
                throw new UsageProblem("cannot read --password-file " + passwordFile + ": " + e.getMessage());
            }
        }
        String fromEnv = env.get("FIREHUB_ADMIN_PASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) return fromEnv;
        Console console = System.console();
        if (console == null || !isTerminal(console)) {
            throw new UsageProblem("no password: use --password-file, set FIREHUB_ADMIN_PASSWORD, or run in a terminal");
        }
        char[] typed = console.readPassword("password for %s: ", user);
        if (typed == null) throw new UsageProblem("no password given");
        return new String(typed);
    }

    /**
     * Since Java 22 {@code System.console()} may exist without a terminal (then reading a password
     * would consume piped input); {@code Console.isTerminal()} tells, but only from Java 22 on.
     */
    private static boolean isTerminal(Console console) {
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22 a console exists only on a terminal
        }
    }
}
