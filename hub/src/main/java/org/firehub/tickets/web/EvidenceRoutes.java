package org.firehub.tickets.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import java.util.function.Function;
import org.firehub.tickets.TicketProblem;
import org.firehub.tickets.evidence.PhotoEvidence;
import org.firehub.tickets.evidence.PhotoUploads;
import org.firehub.web.ApiProblem;
import org.firehub.web.BearerAuth;

/**
 * Photos on tickets, within the person's scope (outside it: 404, like a missing ticket):
 * <ul>
 * <li>{@code POST /api/v1/tickets/{id}/evidence?note=...} with the photo's bytes as the raw body
 *     (JPEG or PNG, judged by content; the Content-Type header is not trusted) → 201 the metadata;
 * <li>{@code GET /api/v1/tickets/{id}/evidence} → 200 {@code [{id, sha256, width, height, ...}]}, oldest first;
 * <li>{@code GET /api/v1/tickets/{id}/evidence/{eid}} → 200 the hub's JPEG re-encoding.
 * </ul>
 * A raw body rather than multipart: one photo per request, nothing written to an upload
 * directory, and no multipart parser between the bytes and the size limit.
 */
public final class EvidenceRoutes {
    private final PhotoUploads photos;

    private EvidenceRoutes(PhotoUploads photos) {
        this.photos = photos;
    }

    /** Mount next to {@link TicketRoutes#mount} and {@link org.firehub.web.ApiRouter#mount} (401s, 413s). */
    public static void mount(Router router, PhotoUploads photos, BearerAuth auth) {
        EvidenceRoutes routes = new EvidenceRoutes(photos);
        // The body limit is the photo limit: a larger upload is refused (413) before it is buffered whole.
        BodyHandler body = BodyHandler.create(false).setBodyLimit(photos.maxPhotoBytes());
        router.post("/api/v1/tickets/:id/evidence").handler(ctx -> admitted(ctx, photos, body)).handler(auth)
                .handler(ctx -> routes.guarded(ctx, routes::add));
        router.get("/api/v1/tickets/:id/evidence").handler(auth).handler(ctx -> routes.guarded(ctx, routes::list));
        router.get("/api/v1/tickets/:id/evidence/:eid").handler(auth).handler(ctx -> routes.guarded(ctx, routes::photo));
    }

    /**
     * Takes an upload slot before the body is read (or refuses 503 {@code busy}), gives it back
     * when the answer is done, then lets the body handler receive the photo.
     */
    private static void admitted(RoutingContext ctx, PhotoUploads photos, BodyHandler body) {
        if (!photos.admit()) {
            // An HTTP/1 connection closes rather than drain the unread body (HTTP/2 forbids the
            // header; there only this stream ends).
            if (ctx.request().version() != HttpVersion.HTTP_2) ctx.response().putHeader("Connection", "close");
            ctx.response().putHeader("Retry-After", "2");
            ctx.fail(new ApiProblem(503, "busy", "too many photos are being uploaded; retry shortly"));
            return;
        }
        ctx.addEndHandler(done -> photos.release());
        // Counted as the answer goes out, whichever failure handler writes it: a failure restarts
        // routing from the first route, so a failure handler of this route may never see it. (With
        // a failure object, PhotoUploads refused the photo itself and counted it.)
        ctx.addHeadersEndHandler(v -> {
            if (ctx.response().getStatusCode() == 413 && ctx.failure() == null) photos.refusedTooLarge();
        });
        body.handle(ctx);
    }

    private Future<?> add(RoutingContext ctx) {
        long id = positive(ctx, "id", "ticket");
        var remote = ctx.request().remoteAddress();
        Optional<String> source = Optional.ofNullable(remote == null ? null : remote.hostAddress());
        Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
        return photos.add(BearerAuth.principal(ctx), id, body, Optional.ofNullable(ctx.queryParams().get("note")), source)
                .onSuccess(e -> ctx.response().setStatusCode(201)
                        .putHeader("Location", "/api/v1/tickets/" + id + "/evidence/" + e.id())
                        .putHeader("Content-Type", "application/json; charset=utf-8").putHeader("Cache-Control", "no-store")
                        .end(json(e).encode()));
    }

    private Future<?> list(RoutingContext ctx) {
        return photos.list(BearerAuth.principal(ctx), positive(ctx, "id", "ticket")).onSuccess(list -> {
            JsonArray array = new JsonArray();
            list.forEach(e -> array.add(json(e)));
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8")
                    .putHeader("Cache-Control", "no-store").end(array.encode());
        });
    }

    /**
     * The bytes, with headers that keep a browser from second-guessing them: no sniffing into
     * HTML, shown inline, kept in no shared or local cache (photos of someone's premises).
     */
    private Future<?> photo(RoutingContext ctx) {
        long id = positive(ctx, "id", "ticket");
        long eid = positive(ctx, "eid", "evidence");
        return photos.photo(BearerAuth.principal(ctx), id, eid).onSuccess(bytes -> ctx.response().setStatusCode(200)
                .putHeader("Content-Type", "image/jpeg").putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "private, no-store")
                .putHeader("Content-Disposition", "inline; filename=\"ticket-" + id + "-evidence-" + eid + ".jpg\"")
                .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
                .end(bytes));
    }

    static JsonObject json(PhotoEvidence e) {
        return new JsonObject().put("id", e.id()).put("ticketId", e.ticketId()).put("kind", "photo")
                .put("contentType", e.contentType()).put("uploadedType", e.uploadedType()).put("sha256", e.sha256())
                .put("width", e.width()).put("height", e.height()).put("sizeBytes", e.sizeBytes())
                .put("uploadedById", e.uploadedBy()).put("uploadedBy", e.uploadedByName())
                .put("uploadedAt", e.uploadedAt().toString()).put("ticketState", e.ticketState())
                .put("note", e.note().orElse(null))
                .put("url", "/api/v1/tickets/" + e.ticketId() + "/evidence/" + e.id());
    }

    private void guarded(RoutingContext ctx, Function<RoutingContext, Future<?>> handler) {
        try {
            handler.apply(ctx).onFailure(e -> TicketErrors.fail(ctx, e));
        } catch (RuntimeException e) {
            TicketErrors.fail(ctx, e);
        }
    }

    private static long positive(RoutingContext ctx, String param, String what) {
        String raw = ctx.pathParam(param);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) return id;
        } catch (NumberFormatException e) {
            // falls through: not an id, so there is no such thing
        }
        throw new TicketProblem(TicketProblem.Code.NOT_FOUND,
                "no " + what + " '" + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "'");
    }
}
