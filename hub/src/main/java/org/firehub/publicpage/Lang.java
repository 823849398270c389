package org.firehub.publicpage;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The page's language: Chinese by default, English by {@code ?lang=en} or an Accept-Language preferring it. */
enum Lang {
    ZH("zh", "zh-CN"),
    EN("en", "en");

    private final String param;
    private final String htmlLang;

    Lang(String param, String htmlLang) {
        this.param = param;
        this.htmlLang = htmlLang;
    }

    String param() {
        return param;
    }

    String htmlLang() {
        return htmlLang;
    }

    boolean chinese() {
        return this == ZH;
    }

    Lang other() {
        return this == ZH ? EN : ZH;
    }

    /** An explicit {@code lang} parameter wins; then the first of zh / en in Accept-Language by weight; else Chinese. */
    static Lang choose(String langParam, String acceptLanguage) {
        if ("en".equals(langParam)) return EN;
        if ("zh".equals(langParam)) return ZH;
        if (acceptLanguage == null || acceptLanguage.isBlank()) return ZH;
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage).stream()
                    .sorted(Comparator.comparingDouble(Locale.LanguageRange::getWeight).reversed()).toList();
            for (Locale.LanguageRange range : ranges) {
                String tag = range.getRange();
                if (range.getWeight() <= 0) continue;
                if (tag.startsWith("zh")) return ZH;
                if (tag.startsWith("en")) return EN;
            }
        } catch (IllegalArgumentException malformed) {
            // A malformed header is the client's problem; the default language still serves it.
        }
        return ZH;
    }
}
