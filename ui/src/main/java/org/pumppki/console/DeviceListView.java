package org.pumppki.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pumppki.ca.store.Page;

/** One page of the device list with the filters that produced it, for the table and its links. */
public record DeviceListView(Page<DeviceRow> page, Filters filters) {

    /** The filters as typed; blank ones are left out of links. */
    public record Filters(String q, String kind, String state, String certificateStatus, String model, String location,
            String sort, int size) {

        public String query() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("q", q);
            values.put("kind", kind);
            values.put("state", state);
            values.put("certificateStatus", certificateStatus);
            values.put("model", model);
            values.put("location", location);
            values.put("sort", sort);
            return values.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }

        public boolean is(String name, String value) {
            String current = switch (name) {
                case "kind" -> kind;
                case "state" -> state;
                case "certificateStatus" -> certificateStatus;
                case "sort" -> sort;
                default -> null;
            };
            return value.equals(current);
        }
    }

    public List<String> getKinds() {
        return List.of("pump", "pump-server", "radius-server");
    }

    public List<String> getStates() {
        return List.of("pending", "in-service", "quarantined", "lost", "decommissioned");
    }

    public List<String> getHealths() {
        return List.of("valid", "expiring", "expired", "on-hold", "revoked", "none");
    }

    public int getPages() {
        return (int) Math.max(1, (page.total() + page.size() - 1) / page.size());
    }

    public boolean hasPrevious() {
        return page.page() > 0;
    }

    public boolean hasNext() {
        return page.page() + 1 < getPages();
    }

    public String link(int pageNumber) {
        String query = filters.query();
        return "/console/devices?" + (query.isEmpty() ? "" : query + "&") + "page=" + pageNumber + "&size=" + filters.size();
    }

    public String getExportLink() {
        String query = filters.query();
        return "/console/devices/export.csv" + (query.isEmpty() ? "" : "?" + query);
    }
}
