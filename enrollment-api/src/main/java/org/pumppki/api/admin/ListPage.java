package org.pumppki.api.admin;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.pumppki.ca.store.Page;

/** A page of a list answer: {@code { "items", "total", "page", "size" }}. */
@Schema(name = "Page")
public record ListPage<T>(List<T> items, long total, int page, int size) {

    static <T> ListPage<T> of(Page<T> page) {
        return new ListPage<>(page.items(), page.total(), page.page(), page.size());
    }
}
