package org.pumppki.ca.store;

import io.quarkus.panache.common.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The WHERE clause of a list query, built from the filters that are present, with named parameters. */
final class Conditions {

    private final List<String> clauses = new ArrayList<>();
    private final Parameters parameters = new Parameters();

    Conditions add(String clause, String name, Object value) {
        clauses.add(clause);
        parameters.and(name, value);
        return this;
    }

    Conditions add(String clause) {
        clauses.add(clause);
        return this;
    }

    boolean isEmpty() {
        return clauses.isEmpty();
    }

    /** The conditions joined with AND, without the WHERE keyword. */
    String query() {
        return String.join(" and ", clauses);
    }

    /** {@code " where …"}, or nothing when no filter is present. */
    String where() {
        return clauses.isEmpty() ? "" : " where " + query();
    }

    Parameters parameters() {
        return parameters;
    }

    Map<String, Object> map() {
        return parameters.map();
    }
}
