package org.firehub.console;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.function.Function;
import org.firehub.people.AuthenticationFailed;

/**
 * Serves the inspector console: static files from the classpath folder {@code console/} under
 * {@code /console/}, and uPlot from its WebJar under {@code /console/vendor/uplot/}.
 *
 * <p>Every answer carries a strict Content-Security-Policy ({@code default-src 'self'}: no inline
 * script, no other origin), so even an escaping mistake in a page cannot run injected script.
 * The HTML pages are never cached (a new release is seen at once); scripts and styles are
 * revalidated, the versioned vendor files cached for a day.
 *
 * <p>{@code GET /console/} answers the app only to a browser with a live session cookie; any
 * other is redirected to the login page, so a lost session shows a login, not a broken page.
 */
public final class ConsoleRoutes {
    public static final String CSP = "default-src 'self'; img-src 'self' blob: data:; style-src 'self';"
            + " script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
            + " form-action 'self'";
    static final String SESSION_COOKIE = "firehub_session";
    static final String UPLOT_VERSION = "1.6.30";

    private final Function<String, Future<?>> sessionCheck;

    private ConsoleRoutes(Function<String, Future<?>> sessionCheck) {
        this.sessionCheck = sessionCheck;
    }

    /**
     * @param sessionCheck succeeds for a live session token (the cookie's value), fails with
     *        {@link AuthenticationFailed} otherwise; in the hub {@code sessions::authenticate}
     */
    public static void mount(Router router, Function<String, Future<?>> sessionCheck) {
        ConsoleRoutes routes = new ConsoleRoutes(sessionCheck);
        router.route("/console*").handler(ConsoleRoutes::securityHeaders);
        // Vert.x lets "/console" match "/console/" too: only the bare path is sent on.
        router.get("/console").handler(ctx -> {
            if (ctx.request().path().equals("/console")) redirect(ctx, "/console/");
            else ctx.next();
        });
        router.get("/console/").handler(routes::index);
        router.get("/console/vendor/uplot/*").handler(ctx -> {
            ctx.response().putHeader("Cache-Control", "public, max-age=86400");
            ctx.next();
        }).handler(StaticHandler.create("META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist")
                .setCachingEnabled(false).setDirectoryListing(false));
        router.get("/console/*").handler(ctx -> {
            String path = ctx.normalizedPath();
            ctx.response().putHeader("Cache-Control", path.endsWith(".html") ? "no-store" : "no-cache");
            ctx.next();
        }).handler(StaticHandler.create("console").setCachingEnabled(false).setDirectoryListing(false).setDefaultContentEncoding("UTF-8"));
    }

    private static void securityHeaders(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
        ctx.next();
    }

    private void index(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            redirect(ctx, "/console/login.html");
            return;
        }
        sessionCheck.apply(cookie.getValue()).onComplete(checked -> {
            if (checked.succeeded()) {
                ctx.response().putHeader("Cache-Control", "no-store");
                ctx.response().putHeader("Content-Type", "text/html; charset=utf-8");
                ctx.response().sendFile("console/app.html").onFailure(ctx::fail);
            } else if (checked.cause() instanceof AuthenticationFailed) {
                redirect(ctx, "/console/login.html");
            } else {
                // The session store did not answer: say so rather than pretend the user is signed out.
                ctx.fail(503, checked.cause());
            }
        });
    }

    private static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
    }
}
