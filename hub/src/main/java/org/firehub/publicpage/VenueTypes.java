package org.firehub.publicpage;

import java.util.Map;

/** Localized labels of venue types; a type not listed here shows as written, underscores as spaces. */
final class VenueTypes {
    private record Label(String zh, String en) {}

    private static final Map<String, Label> LABELS = Map.ofEntries(
            Map.entry("restaurant", new Label("餐饮店", "Restaurant")),
            Map.entry("shop", new Label("商铺", "Shop")),
            Map.entry("market", new Label("市场", "Market")),
            Map.entry("hotel", new Label("旅馆", "Hotel")),
            Map.entry("hostel", new Label("民宿", "Guesthouse")),
            Map.entry("residential", new Label("住宅", "Residential building")),
            Map.entry("warehouse", new Label("仓库", "Warehouse")),
            Map.entry("factory", new Label("厂房", "Factory")),
            Map.entry("workshop", new Label("作坊", "Workshop")),
            Map.entry("school", new Label("学校", "School")),
            Map.entry("kindergarten", new Label("幼儿园", "Kindergarten")),
            Map.entry("clinic", new Label("诊所", "Clinic")),
            Map.entry("elderly_care", new Label("养老机构", "Elderly care home")),
            Map.entry("entertainment", new Label("娱乐场所", "Entertainment venue")),
            Map.entry("office", new Label("办公场所", "Office")),
            Map.entry("small_venue", new Label("九小场所", "Small business")));

    private VenueTypes() {}

    static String label(String type, Lang lang) {
        Label label = LABELS.get(type);
        if (label == null) return type.replace('_', ' ');
        return lang.chinese() ? label.zh() : label.en();
    }
}
