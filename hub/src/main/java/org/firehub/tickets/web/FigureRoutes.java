package org.firehub.tickets.web;

import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.firehub.people.AccessScopes;
import org.firehub.people.Role;
import org.firehub.tickets.figures.FigureCsv;
import org.firehub.tickets.figures.FigureGrouping;
import org.firehub.tickets.figures.FigureJson;
import org.firehub.tickets.figures.FigurePeriod;
import org.firehub.tickets.figures.FigureReport;
import org.firehub.tickets.figures.TicketFigures;
import org.firehub.web.ApiProblem;
import org.firehub.web.BearerAuth;
import org.firehub.web.RequireRole;

/**
 * {@code GET /api/v1/figures/tickets?from=&to=&by=grid|venue|hazard|severity&format=json|csv}:
 * closure figures over the tickets opened in the period, within the person's scope (a grid worker
 * gets their grids' rows only). Admins, supervisors and grid workers; venue owners get 403.
 * CSV with {@code format=csv} or {@code Accept: text/csv}, as an attachment. Bad parameters: 400
 * {@code invalid}. See docs/tickets.md, "Figures", for what every number counts.
 */
public final class FigureRoutes {
    private final TicketFigures figures;
    private final AccessScopes scopes;
    private final ZoneId zone;
    private final Clock clock;

    private FigureRoutes(TicketFigures figures, AccessScopes scopes, ZoneId zone, Clock clock) {
        this.figures = figures;
        this.scopes = scopes;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * Mount next to {@link org.firehub.web.ApiRouter#mount}, whose {@code /api/v1} failure handler
     * answers 400, 401 and 403 as JSON with their code.
     *
     * @param zone the town's zone (the ticket policy's): dates in {@code from}/{@code to} are its days
     */
    public static void mount(Router router, Pool pool, AccessScopes scopes, BearerAuth auth, ZoneId zone, Clock clock) {
        FigureRoutes routes = new FigureRoutes(new TicketFigures(pool), scopes, zone, clock);
        router.get("/api/v1/figures/tickets").handler(auth)
                .handler(RequireRole.anyOf(Role.ADMIN, Role.SUPERVISOR, Role.GRID_WORKER))
                .handler(routes::tickets);
    }

    private void tickets(RoutingContext ctx) {
        FigureGrouping by;
        FigurePeriod period;
        boolean csv;
        try {
            var q = ctx.queryParams();
            String byName = Optional.ofNullable(q.get("by")).orElse("grid");
            by = FigureGrouping.fromWireName(byName).orElseThrow(() -> invalid(
                    "by: '" + shorten(byName) + "' is not one of " + FigureGrouping.choices()));
            period = FigurePeriod.parse(Optional.ofNullable(q.get("from")), Optional.ofNullable(q.get("to")), clock.instant(), zone);
            csv = wantsCsv(ctx);
        } catch (IllegalArgumentException e) {
            ctx.fail(invalid(e.getMessage()));
            return;
        } catch (ApiProblem e) {
            ctx.fail(e);
            return;
        }
        FigureGrouping grouping = by;
        FigurePeriod chosen = period;
        scopes.of(BearerAuth.principal(ctx))
                .compose(scope -> figures.report(scope, grouping, chosen, clock.instant()))
                .onSuccess(report -> respond(ctx, report, csv))
                .onFailure(ctx::fail);
    }

    private void respond(RoutingContext ctx, FigureReport report, boolean csv) {
        var response = ctx.response().setStatusCode(200).putHeader("Cache-Control", "no-store");
        if (csv) {
            response.putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + FigureCsv.filename(report, zone) + "\"")
                    .end(FigureCsv.toCsv(report));
        } else {
            response.putHeader("Content-Type", "application/json; charset=utf-8").end(FigureJson.toJson(report).encode());
        }
    }

    /** {@code format} decides when given; otherwise the Accept header, JSON unless it prefers text/csv. */
    private static boolean wantsCsv(RoutingContext ctx) {
        String format = ctx.queryParams().get("format");
        if (format != null) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw invalid("format: '" + shorten(format) + "' is not one of json, csv");
            };
        }
        // Highest weight first: "application/json, text/csv;q=0.5" asks for JSON.
        for (MIMEHeader accepted : ctx.parsedHeaders().accept()) {
            String type = accepted.value().toLowerCase(Locale.ROOT);
            if (type.equals("text/csv")) return true;
            if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")) return false;
        }
        return false;
    }

    private static ApiProblem invalid(String message) {
        return new ApiProblem(400, "invalid", message);
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
