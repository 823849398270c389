package org.firehub.publicpage;

import static org.firehub.publicpage.Html.escape;

import java.time.ZoneId;
import java.util.Locale;
import org.firehub.risk.RiskAssessment;
import org.firehub.risk.RiskReason;
import org.firehub.risk.VenueFacts;

/**
 * The resident's page, server-rendered: no script at all, one small stylesheet
 * ({@code /public/page.css}), phone first. Every value that came from a person (the venue's name,
 * the resident's own text on a refused form) is escaped.
 */
final class PublicPageHtml {
    private PublicPageHtml() {}

    /** A refused form shown again: the message and the resident's text, so nothing typed is lost. */
    record FormState(String error, String description) {
        static final FormState EMPTY = new FormState(null, "");
    }

    static String venue(PublicVenue venue, RiskAssessment risk, Lang lang, ZoneId zone, String formToken, FormState form) {
        boolean zh = lang.chinese();
        VenueFacts f = risk.facts();
        String token = escape(venue.qrToken());
        StringBuilder html = head(lang, venue.name() + (zh ? " · 消防安全" : " · Fire safety"));
        html.append("<header><a class=\"lang\" href=\"/v/").append(token).append("?lang=").append(lang.other().param())
                .append("\" hreflang=\"").append(lang.other().htmlLang()).append("\">").append(zh ? "English" : "中文")
                .append("</a><h1>").append(escape(venue.name())).append("</h1><p class=\"type\">")
                .append(escape(VenueTypes.label(venue.type(), lang))).append("</p></header>\n");
        html.append("<section class=\"level level-").append(risk.level().wireName()).append("\"><h2>")
                .append(zh ? "消防安全等级" : "Fire safety level").append("</h2><p class=\"badge\">")
                .append(escape(risk.level().label(zh))).append("</p>");
        if (risk.reasons().isEmpty()) {
            html.append("<p>").append(zh ? "未发现未整改的隐患，设备运行正常。" : "No open hazards; devices working normally.").append("</p>");
        } else {
            html.append("<ul class=\"reasons\">");
            for (RiskReason r : risk.reasons()) html.append("<li>").append(escape(r.text(zh))).append("</li>");
            html.append("</ul>");
        }
        html.append("</section>\n<section><h2>").append(zh ? "未整改隐患" : "Open hazards").append("</h2><dl class=\"counts\">")
                .append(count(zh ? "重大" : "Critical", f.openCritical())).append(count(zh ? "较大" : "Major", f.openMajor()))
                .append(count(zh ? "一般" : "Minor", f.openMinor())).append("</dl></section>\n");
        html.append("<section><h2>").append(zh ? "监测设备在线率" : "Monitoring devices online").append("</h2><p class=\"figure\">")
                .append(f.onlinePercent().map(p -> String.format(Locale.ROOT, "%.0f%%", p) + " <small>(" + f.devices()
                        + (zh ? " 台)" : " devices)") + "</small>").orElse(zh ? "暂无联网设备" : "No connected devices"))
                .append("</p></section>\n");
        html.append("<section><h2>").append(zh ? "最近检查" : "Last inspection").append("</h2><p class=\"figure\">")
                .append(f.lastInspection().map(i -> i.atZone(zone).toLocalDate().toString()).orElse(zh ? "暂无记录" : "None recorded"))
                .append("</p></section>\n");
        form(html, token, lang, formToken, form);
        return foot(html, zh);
    }

    private static void form(StringBuilder html, String token, Lang lang, String formToken, FormState form) {
        boolean zh = lang.chinese();
        html.append("<section id=\"report\"><h2>").append(zh ? "报告消防隐患" : "Report a fire hazard").append("</h2>");
        if (form.error() != null) html.append("<p class=\"error\" role=\"alert\">").append(escape(form.error())).append("</p>");
        html.append("<form method=\"post\" action=\"/v/").append(token).append("/report?lang=").append(lang.param())
                .append("\" enctype=\"multipart/form-data\">")
                .append("<input type=\"hidden\" name=\"form_token\" value=\"").append(escape(formToken)).append("\">")
                // The honeypot: hidden from people by the stylesheet, filled in by form-spraying programs.
                .append("<div class=\"hp\" aria-hidden=\"true\"><label>Website <input type=\"text\" name=\"website\" tabindex=\"-1\""
                        + " autocomplete=\"off\"></label></div>")
                .append("<label for=\"description\">").append(zh ? "隐患描述（10–1000 字）" : "What did you see? (10–1000 characters)")
                .append("</label><textarea id=\"description\" name=\"description\" rows=\"5\" minlength=\"10\" maxlength=\"1000\" required>")
                .append(escape(form.description())).append("</textarea>")
                .append("<label for=\"photo\">").append(zh ? "照片（可选，不超过 5 MB）" : "Photo (optional, up to 5 MB)")
                .append("</label><input id=\"photo\" type=\"file\" name=\"photo\" accept=\"image/jpeg,image/png\">")
                .append("<button type=\"submit\">").append(zh ? "提交" : "Send").append("</button>")
                .append("<p class=\"note\">").append(zh ? "您的报告将交由网格员核查，本页面不会公开报告内容或照片。"
                        : "Your report goes to the local inspectors; this page never shows reports or photos.")
                .append("</p></form></section>\n");
    }

    static String thanks(String qrToken, Lang lang) {
        boolean zh = lang.chinese();
        StringBuilder html = head(lang, zh ? "感谢您的报告" : "Thank you");
        html.append("<section><h1>").append(zh ? "感谢您的报告" : "Thank you for your report").append("</h1><p>")
                .append(zh ? "网格员将尽快核查处理。" : "The local inspectors will look into it soon.")
                .append("</p><p><a href=\"/v/").append(escape(qrToken)).append("?lang=").append(lang.param()).append("\">")
                .append(zh ? "返回场所页面" : "Back to the venue").append("</a></p></section>\n");
        return foot(html, zh);
    }

    static String notFound(Lang lang) {
        boolean zh = lang.chinese();
        StringBuilder html = head(lang, zh ? "未找到" : "Not found");
        html.append("<section><h1>").append(zh ? "未找到该场所" : "Venue not found").append("</h1><p>")
                .append(zh ? "请检查二维码是否完整，或联系所在社区。" : "Please check the QR code, or ask the local community office.")
                .append("</p></section>\n");
        return foot(html, zh);
    }

    static String problem(Lang lang, String message) {
        StringBuilder html = head(lang, lang.chinese() ? "出错了" : "Something went wrong");
        html.append("<section><h1>").append(lang.chinese() ? "出错了" : "Something went wrong").append("</h1><p>")
                .append(escape(message)).append("</p></section>\n");
        return foot(html, lang.chinese());
    }

    private static String count(String label, int n) {
        return "<div><dt>" + label + "</dt><dd>" + n + "</dd></div>";
    }

    private static StringBuilder head(Lang lang, String title) {
        return new StringBuilder(4096).append("<!doctype html>\n<html lang=\"").append(lang.htmlLang())
                .append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex\"><title>").append(escape(title))
                .append("</title><link rel=\"stylesheet\" href=\"/public/page.css\"></head>\n<body><main>\n");
    }

    private static String foot(StringBuilder html, boolean zh) {
        return html.append("<footer>").append(zh ? "消防物联网监管平台" : "Town fire-safety monitoring").append("</footer>\n</main></body></html>\n")
                .toString();
    }
}
