package org.firehub.publicpage;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.firehub.risk.RiskAssessment;
import org.firehub.risk.RiskService;
import org.firehub.tickets.TicketService;
import org.firehub.web.ApiProblem;
import org.firehub.web.RequestBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resident's side of the hub, no login: {@code GET /v/{qrToken}} (HTML page),
 * {@code POST /v/{qrToken}/report} (its multipart form, answered by a redirect to
 * {@code /v/{qrToken}/thanks}), {@code GET /api/v1/public/venues/{qrToken}} (the same facts as
 * JSON) and {@code POST /api/v1/public/venues/{qrToken}/reports} (JSON report), plus
 * {@code /public/page.css}. API errors go to the application's {@code /api/v1/*} failure handler
 * (JSON with a code); page errors are small HTML pages.
 */
public final class PublicPage {
    private static final Logger LOG = LoggerFactory.getLogger(PublicPage.class);
    /** No inline script anywhere; the one stylesheet is our own file. */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none';"
            + " frame-ancestors 'none'";
    /** A 5 MiB photo plus the form's text fields and multipart overhead; larger bodies get 413. */
    static final long FORM_BODY_LIMIT = PhotoCheck.MAX_BYTES + 64 * 1024;
    static final int JSON_BODY_LIMIT = 16 * 1024;

    private final PublicVenues venues;
    private final RiskService risk;
    private final ReportIntake intake;
    private final FormTokens formTokens;
    private final PublicPageSettings settings;
    private final Buffer css;

    private PublicPage(Vertx vertx, Pool pool, RiskService risk, TicketService tickets, PublicPageSettings settings,
                       MeterRegistry meters) {
        this.venues = new PublicVenues(pool);
        this.risk = risk;
        this.settings = settings;
        this.formTokens = new FormTokens(settings.formSecret(), settings.clock(), settings.minFillTime(), settings.formMaxAge());
        this.intake = new ReportIntake(vertx, pool, tickets, risk, formTokens, settings, meters);
        this.css = Buffer.buffer(resource("public/page.css"));
    }

    /** Adds the public routes to the application's router (before its catch-all 404 handler). */
    public static void mount(Router router, Vertx vertx, Pool pool, RiskService risk, TicketService tickets,
                             PublicPageSettings settings, MeterRegistry meters) {
        PublicPage page = new PublicPage(vertx, pool, risk, tickets, settings, meters);
        router.route("/v/*").handler(PublicPage::securityHeaders).failureHandler(page::pageFailure);
        router.route("/api/v1/public/*").handler(PublicPage::securityHeaders);
        router.get("/public/page.css").handler(page::css);
        router.get("/v/:qrToken").handler(page::html);
        router.get("/v/:qrToken/thanks").handler(page::thanks);
        router.post("/v/:qrToken/report").handler(BodyHandler.create(settings.uploadsDir().toString())
                .setBodyLimit(FORM_BODY_LIMIT).setDeleteUploadedFilesOnEnd(true).setHandleFileUploads(true)).handler(page::formReport);
        router.get("/api/v1/public/venues/:qrToken").handler(page::json);
        router.post("/api/v1/public/venues/:qrToken/reports").handler(BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT))
                .handler(page::jsonReport);
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer").putHeader("X-Frame-Options", "DENY")
                .putHeader("Cache-Control", "no-store");
        ctx.next();
    }

    private void css(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/css; charset=utf-8").putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "public, max-age=3600").end(css);
    }

    private void html(RoutingContext ctx) {
        Lang lang = lang(ctx);
        String token = ctx.pathParam("qrToken");
        venueAndLevel(token).onSuccess(found -> {
            if (found.isEmpty()) {
                sendHtml(ctx, 404, PublicPageHtml.notFound(lang));
            } else {
                sendHtml(ctx, 200, PublicPageHtml.venue(found.get().venue(), found.get().risk(), lang, settings.zone(),
                        formTokens.issue(token), PublicPageHtml.FormState.EMPTY));
            }
        }).onFailure(ctx::fail);
    }

    private void json(RoutingContext ctx) {
        Lang lang = lang(ctx);
        String token = ctx.pathParam("qrToken");
        venueAndLevel(token).onSuccess(found -> {
            if (found.isEmpty()) {
                ctx.fail(new ApiProblem(404, "not_found", "no venue with this code"));
                return;
            }
            JsonObject body = PublicVenueJson.of(found.get().venue(), found.get().risk(), lang, settings.zone(),
                    formTokens.issue(token));
            ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
        }).onFailure(ctx::fail);
    }

    private void thanks(RoutingContext ctx) {
        String token = ctx.pathParam("qrToken");
        if (!PublicVenues.wellFormed(token)) {
            sendHtml(ctx, 404, PublicPageHtml.notFound(lang(ctx)));
            return;
        }
        sendHtml(ctx, 200, PublicPageHtml.thanks(token, lang(ctx)));
    }

    private void formReport(RoutingContext ctx) {
        Lang lang = lang(ctx);
        String token = ctx.pathParam("qrToken");
        String description = ctx.request().getFormAttribute("description");
        Optional<FileUpload> upload = ctx.fileUploads().stream().filter(u -> "photo".equals(u.name()) && u.size() > 0).findFirst();
        long photoSize = upload.map(FileUpload::size).orElse(0L);
        // An oversized photo is refused by its size alone, without reading it into memory.
        Future<Optional<Buffer>> photo = upload.isEmpty() || photoSize > PhotoCheck.MAX_BYTES ? Future.succeededFuture(Optional.empty())
                : ctx.vertx().fileSystem().readFile(upload.get().uploadedFileName()).map(Optional::of);
        String honeypot = ctx.request().getFormAttribute("website");
        String formToken = ctx.request().getFormAttribute("form_token");
        photo.compose(p -> venues.byToken(token).compose(venue -> {
            if (venue.isEmpty()) return Future.succeededFuture(false);
            return intake.submit(venue.get(), new ReportIntake.Submission(description, honeypot, formToken, p, photoSize),
                    address(ctx)).map(true);
        })).onSuccess(found -> {
            if (!found) {
                sendHtml(ctx, 404, PublicPageHtml.notFound(lang));
                return;
            }
            // Post/redirect/get: a reload of the thank-you page does not send the report again.
            ctx.response().setStatusCode(303).putHeader("Location", "/v/" + token + "/thanks?lang=" + lang.param()).end();
        }).onFailure(e -> {
            if (!(e instanceof ReportRefused refused)) {
                ctx.fail(e);
                return;
            }
            refused.retryAfter().ifPresent(wait -> ctx.response().putHeader("Retry-After", retryAfter(wait)));
            // The page again, with the message and the resident's own text (escaped), and a fresh form token.
            venueAndLevel(token).onSuccess(found -> {
                if (found.isEmpty()) {
                    sendHtml(ctx, 404, PublicPageHtml.notFound(lang));
                    return;
                }
                String message = FormMessages.of(refused.reason(), lang);
                sendHtml(ctx, refused.reason().status, PublicPageHtml.venue(found.get().venue(), found.get().risk(), lang,
                        settings.zone(), formTokens.issue(token), new PublicPageHtml.FormState(message,
                                description == null ? "" : description)));
            }).onFailure(ctx::fail);
        });
    }

    private void jsonReport(RoutingContext ctx) {
        String token = ctx.pathParam("qrToken");
        JsonObject body = RequestBodies.jsonObject(ctx);
        Object description = body.getValue("description");
        if (description != null && !(description instanceof String)) {
            throw new ApiProblem(400, "invalid", "description must be text");
        }
        ReportIntake.Submission submission = ReportIntake.Submission.withoutPhoto((String) description,
                body.getValue("website") instanceof String w ? w : null, body.getValue("formToken") instanceof String s ? s : null);
        venues.byToken(token).compose(venue -> {
            if (venue.isEmpty()) return Future.failedFuture(new ApiProblem(404, "not_found", "no venue with this code"));
            return intake.submit(venue.get(), submission, address(ctx));
        }).onSuccess(outcome -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("status", "received").encode())).onFailure(e -> {
            if (e instanceof ReportRefused refused) {
                refused.retryAfter().ifPresent(wait -> ctx.response().putHeader("Retry-After", retryAfter(wait)));
                ctx.fail(new ApiProblem(refused.reason().status, refused.reason().code, refused.getMessage()));
            } else {
                ctx.fail(e);
            }
        });
    }

    private void pageFailure(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        Lang lang = lang(ctx);
        if (status == 413) {
            sendHtml(ctx, 413, PublicPageHtml.problem(lang, lang.chinese() ? "照片太大（不超过 5 MB）。" : "The photo is too large (5 MB at most)."));
            return;
        }
        LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), String.valueOf(ctx.failure()));
        sendHtml(ctx, status >= 400 && status < 500 ? status : 500, PublicPageHtml.problem(lang,
                lang.chinese() ? "请稍后再试。" : "Please try again later."));
    }

    private record Found(PublicVenue venue, RiskAssessment risk) {}

    private Future<Optional<Found>> venueAndLevel(String token) {
        return venues.byToken(token).compose(venue -> venue.isEmpty() ? Future.succeededFuture(Optional.<Found>empty())
                : risk.levelOf(venue.get().id()).map(level -> level.map(r -> new Found(venue.get(), r))));
    }

    private static Lang lang(RoutingContext ctx) {
        return Lang.choose(ctx.request().getParam("lang"), ctx.request().getHeader("Accept-Language"));
    }

    /** The peer's address. Forwarded headers are not trusted: anyone could set them to dodge the limits. */
    private static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    private static String retryAfter(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    private static void sendHtml(RoutingContext ctx, int status, String html) {
        HttpServerResponse response = ctx.response();
        response.setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(html);
    }

    private static byte[] resource(String name) {
        try (InputStream in = PublicPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
