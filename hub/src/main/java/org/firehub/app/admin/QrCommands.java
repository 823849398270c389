package org.firehub.app.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qr venue ID --png|--svg -o FILE} and {@code qr sheet GRID -o FILE.pdf}: downloads from the hub's API. */
@Command(name = "qr", description = "Download venue QR codes and printable QR sheets.", mixinStandardHelpOptions = true,
        subcommands = {QrCommands.VenueCode.class, QrCommands.Sheet.class})
public final class QrCommands {

    @Command(name = "venue", description = "Save one venue's QR code (of its public page) as PNG or SVG.",
            mixinStandardHelpOptions = true)
    static final class VenueCode extends HubCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Venue id (see: venue list).")
        long id;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Format format;
        @Option(names = "--size", paramLabel = "PX", description = "PNG width and height, 128..2048 (default 512).")
        Integer size;
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to save it.")
        Path output;

        static final class Format {
            @Option(names = "--png", required = true, description = "A PNG image.")
            boolean png;
            @Option(names = "--svg", required = true, description = "An SVG image (crisp at any print size).")
            boolean svg;
        }

        @Override
        protected void run() {
            String path = "/api/v1/venues/" + id + (format.png ? "/qr.png" : "/qr.svg")
                    + (format.png && size != null ? "?size=" + size : "");
            byte[] image = hub().download(path);
            save(output, image);
            out().println("saved the QR code of venue " + id + " to " + output + " (" + image.length + " bytes)");
        }
    }

    @Command(name = "sheet", description = "Save a grid's printable A4 QR sheet (PDF, 12 codes a page).",
            mixinStandardHelpOptions = true)
    static final class Sheet extends HubCommand {
        @Parameters(index = "0", paramLabel = "GRID", description = "Grid code, e.g. G-07.")
        String grid;
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.pdf", description = "Where to save it.")
        Path output;

        @Override
        protected void run() {
            if (!grid.matches("[A-Za-z0-9_-]{1,64}")) throw new UsageProblem("not a grid code: '" + grid + "'");
            byte[] pdf = hub().download("/api/v1/grids/" + grid + "/qr-sheet.pdf");
            save(output, pdf);
            out().println("saved the QR sheet of grid " + grid + " to " + output + " (" + pdf.length + " bytes)");
        }
    }

    /** Writes beside the target and moves into place: an interrupted run never leaves half a file. */
    private static void save(Path output, byte[] bytes) {
        Path target = output.toAbsolutePath();
        try {
            Path partial = Files.createTempFile(target.getParent(), ".firehub-", ".part");
            try {
                Files.write(partial, bytes);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UsageProblem("cannot write " + output + ": " + e.getMessage());
        }
    }
}
