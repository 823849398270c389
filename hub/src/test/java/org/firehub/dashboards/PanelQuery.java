package org.firehub.dashboards;

/**
 * One query a dashboard sends: a panel target or a templating variable's query, with where it
 * comes from so a failure names it.
 */
record PanelQuery(String dashboard, String panel, String datasourceType, String datasourceUid, String text) {
    boolean influx() {
        return "influxdb".equals(datasourceType);
    }

    boolean prometheus() {
        return "prometheus".equals(datasourceType);
    }

    @Override
    public String toString() {
        return "dashboard \"" + dashboard + "\", panel \"" + panel + "\" (" + datasourceUid + "): " + text;
    }
}
