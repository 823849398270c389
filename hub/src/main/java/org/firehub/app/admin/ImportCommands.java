package org.firehub.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import venues FILE.csv} and {@code import devices FILE.csv [--tokens-out FILE]}: all or nothing. */
@Command(name = "import", description = "Import venues or devices from a CSV file; a file with any bad line imports nothing.",
        mixinStandardHelpOptions = true, subcommands = {ImportCommands.Venues.class, ImportCommands.Devices.class})
public final class ImportCommands {

    static String readCsv(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageProblem("no such file: " + file);
        } catch (IOException e) {
            throw new UsageProblem("cannot read " + file + ": " + e.getMessage());
        }
    }

    @Command(name = "venues", mixinStandardHelpOptions = true,
            description = "Import venues. Header: name,address,type,grid")
    static final class Venues extends HubCommand {
        @Parameters(paramLabel = "FILE.csv", description = "The venues CSV file.")
        Path file;

        @Override
        protected void run() {
            JsonNode result = hub().postCsv("/api/v1/import/venues", readCsv(file));
            out().println("imported " + result.path("imported").asInt() + " venue(s)");
            for (JsonNode v : result.path("venues")) {
                out().println("  venue " + v.path("id").asText() + "  QR page: " + v.path("publicUrl").asText());
            }
        }
    }

    @Command(name = "devices", mixinStandardHelpOptions = true,
            description = {"Import devices. Header: deviceId,kind,venueId (or deviceId,kind,venueName).",
                    "Each device's token is shown once: printed, or written to --tokens-out."})
    static final class Devices extends HubCommand {
        @Parameters(paramLabel = "FILE.csv", description = "The devices CSV file.")
        Path file;
        @Option(names = "--tokens-out", paramLabel = "FILE",
                description = "Write deviceId,token,psk lines to this new file (mode 0600) instead of printing them.")
        Path tokensOut;

        @Override
        protected void run() {
            String csv = readCsv(file);
            // Refuse an existing tokens file before importing: the tokens cannot be fetched again later.
            if (tokensOut != null && Files.exists(tokensOut)) {
                throw new UsageProblem("--tokens-out " + tokensOut + " already exists; choose a new file");
            }
            JsonNode result = hub().postCsv("/api/v1/import/devices", csv);
            StringBuilder tokens = new StringBuilder("deviceId,token,psk\n");
            result.path("devices").forEach(d -> tokens.append(d.path("deviceId").asText()).append(',')
                    .append(d.path("token").asText()).append(',').append(d.path("psk").asText("")).append('\n'));
            out().println("imported " + result.path("imported").asInt() + " device(s)");
            if (tokensOut == null) {
                out().println("tokens (shown once, store them now):");
                out().print(tokens);
                return;
            }
            try {
                writePrivately(tokensOut, tokens.toString());
                out().println("tokens written to " + tokensOut + " (mode 0600)");
            } catch (IOException e) {
                // The devices are registered: printing is the only way left not to lose their tokens.
                out().println("could not write " + tokensOut + " (" + e.getMessage() + "); tokens (shown once):");
                out().print(tokens);
            }
        }

        private static void writePrivately(Path file, String content) throws IOException {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.write(content);
            }
        }
    }
}
