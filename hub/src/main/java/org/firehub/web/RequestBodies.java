package org.firehub.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.firehub.registry.FieldProblem;

/** Reading request bodies strictly: the declared content type, a JSON object, fields of the right type. */
public final class RequestBodies {
    private RequestBodies() {}

    /** Fails with 415 unless the request declares one of the media types (parameters such as charset ignored). */
    public static void requireContentType(RoutingContext ctx, String... mediaTypes) {
        String header = ctx.request().getHeader("Content-Type");
        String declared = header == null ? "" : header.split(";", 2)[0].strip();
        for (String type : mediaTypes) {
            if (type.equalsIgnoreCase(declared)) return;
        }
        throw new ApiProblem(415, "Content-Type must be " + String.join(" or ", mediaTypes)
                + (declared.isEmpty() ? ", none was given" : ", got '" + declared + "'"));
    }

    public static JsonObject jsonObject(RoutingContext ctx) {
        requireContentType(ctx, "application/json");
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) throw new ApiProblem(400, "the request body must be a JSON object");
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new ApiProblem(400, "the request body must be a JSON object");
        }
    }

    public static String text(RoutingContext ctx) {
        return ctx.body().buffer() == null ? "" : ctx.body().asString("UTF-8");
    }

    /** The field's text, null when absent or null; a non-text value is a problem. */
    public static String string(JsonObject json, String field, List<FieldProblem> problems) {
        Object value = json.getValue(field);
        if (value == null || value instanceof String) return (String) value;
        problems.add(new FieldProblem(field, "must be a string"));
        return null;
    }

    /** The field's text; absent, null or empty is a problem ("is required"). */
    public static String requiredString(JsonObject json, String field, List<FieldProblem> problems) {
        int before = problems.size();
        String value = string(json, field, problems);
        if ((value == null || value.isEmpty()) && problems.size() == before) {
            problems.add(new FieldProblem(field, "is required"));
        }
        return value;
    }

    /** The field's whole number, null when absent or null; anything else is a problem. */
    public static Long wholeNumber(JsonObject json, String field, List<FieldProblem> problems) {
        Object value = json.getValue(field);
        if (value == null) return null;
        if (value instanceof Integer || value instanceof Long) return ((Number) value).longValue();
        problems.add(new FieldProblem(field, "must be a whole number"));
        return null;
    }
}
