package org.pumppki.api.admin;

import org.pumppki.ca.service.PkiException;

/** Checks shared by resources that take a JSON body. */
final class RequestBodies {

    private RequestBodies() {
    }

    static <T> T required(T body) {
        if (body == null) {
            throw PkiException.invalidInput("missing-body", "The request needs a JSON body.");
        }
        return body;
    }
}
