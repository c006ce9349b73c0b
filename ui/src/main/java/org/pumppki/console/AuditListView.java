package org.pumppki.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.pumppki.ca.store.AuditEvent;
import org.pumppki.ca.store.Page;

/** One page of audit events with the filters that produced it. */
public record AuditListView(Page<AuditEvent> page, String actor, String action, String targetType, String targetId) {

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
        Map<String, String> values = new LinkedHashMap<>();
        values.put("actor", actor);
        values.put("action", action);
        values.put("targetType", targetType);
        values.put("targetId", targetId);
        String query = values.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return "/console/audit?" + (query.isEmpty() ? "" : query + "&") + "page=" + pageNumber;
    }
}
