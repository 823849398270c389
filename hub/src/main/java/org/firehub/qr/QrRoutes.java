package org.firehub.qr;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.firehub.people.AccessScope;
import org.firehub.people.AccessScopes;
import org.firehub.people.Role;
import org.firehub.registry.Venue;
import org.firehub.registry.VenueService;
import org.firehub.web.ApiProblem;
import org.firehub.web.BearerAuth;
import org.firehub.web.RequireRole;

/**
 * Venue QR codes and printable sheets, within the person's {@link AccessScope} (outside it: 404,
 * exactly like a venue that does not exist, so ids and grid codes do not leak):
 * <ul>
 * <li>{@code GET /api/v1/venues/{id}/qr.png?size=512} (128..2048 px) → the code of the venue's public URL;
 * <li>{@code GET /api/v1/venues/{id}/qr.svg} → the same as SVG;
 * <li>{@code GET /api/v1/grids/{code}/qr-sheet.pdf} (admin, supervisor, grid worker) → A4 sheets of
 *     every venue of the grid, ordered by name.
 * </ul>
 * Rendering is CPU work of milliseconds (PNG) to a second (a big sheet embedding a CJK font), so it
 * runs on a worker thread, never on the event loop. Errors: {@code invalid} (bad size),
 * {@code not_found}, {@code forbidden} (a venue owner asking for a sheet).
 */
public final class QrRoutes {
    private static final Pattern GRID_CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final VenueService venues;
    private final AccessScopes scopes;
    private final QrSheet sheet;
    private final Clock clock;
    private final Map<String, Counter> rendered;
    private final Timer sheetTimer;

    private QrRoutes(VenueService venues, AccessScopes scopes, QrSheet sheet, Clock clock, MeterRegistry meters) {
        this.venues = venues;
        this.scopes = scopes;
        this.sheet = sheet;
        this.clock = clock;
        this.rendered = Map.of("png", rendered(meters, "png"), "svg", rendered(meters, "svg"), "pdf", rendered(meters, "pdf"));
        this.sheetTimer = Timer.builder("firehub.qr.sheet.render").description("Time to render a grid's QR sheet PDF")
                .register(meters);
    }

    private static Counter rendered(MeterRegistry meters, String format) {
        return Counter.builder("firehub.qr.rendered").tag("format", format)
                .description("QR codes and sheets served").register(meters);
    }

    /**
     * Mount next to {@link org.firehub.web.ApiRouter#mount}, whose failure handler answers the
     * errors as JSON. {@code clock} dates the sheets' footers (in its zone).
     */
    public static void mount(Router router, VenueService venues, AccessScopes scopes, BearerAuth auth, QrSheet sheet,
            Clock clock, MeterRegistry meters) {
        QrRoutes routes = new QrRoutes(venues, scopes, sheet, clock, meters);
        router.get("/api/v1/venues/:id/qr.png").handler(auth).handler(routes::png);
        router.get("/api/v1/venues/:id/qr.svg").handler(auth).handler(routes::svg);
        router.get("/api/v1/grids/:code/qr-sheet.pdf").handler(auth)
                .handler(RequireRole.anyOf(Role.ADMIN, Role.SUPERVISOR, Role.GRID_WORKER)).handler(routes::pdf);
    }

    private void png(RoutingContext ctx) {
        int size;
        try {
            size = pngSize(ctx.queryParams().get("size"));
        } catch (ApiProblem e) {
            ctx.fail(e);
            return;
        }
        visibleVenue(ctx)
                .compose(venue -> blocking(ctx, () -> QrCodes.png(venue.publicUrl(), size))
                        .map(bytes -> new Download("image/png", "venue-" + venue.id() + "-qr.png", Buffer.buffer(bytes))))
                .onSuccess(download -> send(ctx, download, "png"))
                .onFailure(ctx::fail);
    }

    private void svg(RoutingContext ctx) {
        visibleVenue(ctx)
                .compose(venue -> blocking(ctx, () -> QrCodes.svg(venue.publicUrl()))
                        .map(svg -> new Download("image/svg+xml; charset=utf-8", "venue-" + venue.id() + "-qr.svg",
                                Buffer.buffer(svg))))
                .onSuccess(download -> send(ctx, download, "svg"))
                .onFailure(ctx::fail);
    }

    private void pdf(RoutingContext ctx) {
        String grid = ctx.pathParam("code");
        if (!GRID_CODE.matcher(grid).matches()) {
            ctx.fail(notFoundGrid(grid));
            return;
        }
        LocalDate today = LocalDate.now(clock);
        scopes.of(BearerAuth.principal(ctx))
                .compose(scope -> permitsGrid(scope, grid) ? venues.list() : Future.failedFuture(notFoundGrid(grid)))
                .map(all -> all.stream().filter(v -> grid.equals(v.grid()))
                        .sorted(Comparator.comparing(Venue::name).thenComparing(Venue::id)).toList())
                .compose(inGrid -> inGrid.isEmpty() ? Future.failedFuture(notFoundGrid(grid)) : Future.succeededFuture(inGrid))
                .compose(inGrid -> blocking(ctx, () -> sheetTimer.recordCallable(() -> sheet.render(grid, inGrid, today))))
                .onSuccess(bytes -> send(ctx, new Download("application/pdf", "qr-sheet-" + grid + ".pdf", Buffer.buffer(bytes)), "pdf"))
                .onFailure(ctx::fail);
    }

    /** A grid's sheet is for whoever sees the whole grid; a venue owner never does. */
    private static boolean permitsGrid(AccessScope scope, String grid) {
        return switch (scope) {
            case AccessScope.Everything e -> true;
            case AccessScope.Grids g -> g.grids().contains(grid);
            case AccessScope.Venues v -> false;
        };
    }

    private Future<Venue> visibleVenue(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return Future.failedFuture(notFoundVenue(raw));
        }
        return scopes.of(BearerAuth.principal(ctx)).compose(scope -> venues.find(id).compose(found -> found
                .filter(venue -> scope.permits(venue.id(), venue.grid()))
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(notFoundVenue(raw)))));
    }

    static int pngSize(String raw) {
        if (raw == null || raw.isEmpty()) return QrCodes.DEFAULT_PNG_SIZE;
        try {
            int size = Integer.parseInt(raw);
            if (size >= QrCodes.MIN_PNG_SIZE && size <= QrCodes.MAX_PNG_SIZE) return size;
        } catch (NumberFormatException e) {
            // falls through: the same answer as an out-of-range number
        }
        throw new ApiProblem(400, "invalid", "size must be a whole number of pixels from " + QrCodes.MIN_PNG_SIZE
                + " to " + QrCodes.MAX_PNG_SIZE + ", not '" + shorten(raw) + "'");
    }

    private static <T> Future<T> blocking(RoutingContext ctx, Callable<T> work) {
        return ctx.vertx().executeBlocking(work, false);
    }

    private void send(RoutingContext ctx, Download download, String format) {
        rendered.get(format).increment();
        ctx.response().putHeader("Content-Type", download.contentType())
                .putHeader("Content-Disposition", "inline; filename=\"" + download.fileName() + "\"")
                // A venue's token never changes, but the answer depends on who asks: never in shared caches.
                .putHeader("Cache-Control", "private, max-age=300")
                .end(download.body());
    }

    private static ApiProblem notFoundVenue(String raw) {
        return new ApiProblem(404, "not_found", "no venue '" + shorten(raw) + "'");
    }

    private static ApiProblem notFoundGrid(String raw) {
        return new ApiProblem(404, "not_found", "no grid '" + shorten(raw) + "' with venues");
    }

    private static String shorten(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }

    private record Download(String contentType, String fileName, Buffer body) {}
}
