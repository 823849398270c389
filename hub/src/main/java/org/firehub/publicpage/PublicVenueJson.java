package org.firehub.publicpage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import org.firehub.risk.RiskAssessment;
import org.firehub.risk.RiskReason;
import org.firehub.risk.VenueFacts;

/**
 * {@code GET /api/v1/public/venues/{qrToken}}: the page's facts as JSON. Only counts, labels and
 * dates: no id, name of a person, phone or ticket note can get here, because none is selected.
 */
final class PublicVenueJson {
    private PublicVenueJson() {}

    static JsonObject of(PublicVenue venue, RiskAssessment risk, Lang lang, ZoneId zone, String formToken) {
        VenueFacts f = risk.facts();
        JsonArray reasons = new JsonArray();
        for (RiskReason r : risk.reasons()) {
            reasons.add(new JsonObject().put("code", r.code()).put("level", r.level().wireName()).put("text", r.text(lang.chinese()))
                    .put("zh", r.zh()).put("en", r.en()));
        }
        return new JsonObject()
                .put("name", venue.name())
                .put("type", venue.type())
                .put("typeLabel", VenueTypes.label(venue.type(), lang))
                .put("lang", lang.param())
                .put("level", new JsonObject().put("code", risk.level().wireName()).put("colour", risk.level().colour())
                        .put("label", risk.level().label(lang.chinese())))
                .put("reasons", reasons)
                .put("openHazards", new JsonObject().put("critical", f.openCritical()).put("major", f.openMajor())
                        .put("minor", f.openMinor()).put("total", f.openTotal()))
                .put("devices", new JsonObject().put("count", f.devices())
                        .put("onlinePercent", f.onlinePercent().map(p -> Math.round(p * 10) / 10.0).orElse(null)))
                .put("lastInspection", f.lastInspection().map(i -> i.atZone(zone).toLocalDate().toString()).orElse(null))
                .put("formToken", formToken);
    }
}
