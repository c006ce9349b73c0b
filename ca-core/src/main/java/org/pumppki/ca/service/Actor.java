package org.pumppki.ca.service;

import java.util.List;
import java.util.Objects;

/**
 * Who asks for a state change, and from where: a signed-in person, a device over EST, or the
 * system itself (scheduler, start-up). Every use case that changes state takes one, for the audit log.
 */
public record Actor(String name, List<String> roles, String sourceAddress) {

    private static final String DEVICE_PREFIX = "device:";

    public Actor {
        Objects.requireNonNull(name, "name");
        roles = roles == null ? List.of() : roles.stream().sorted().toList();
    }

    /** The CA acting on its own behalf, e.g. at start-up or on a schedule. */
    public static Actor system(String component) {
        return new Actor("system:" + component, List.of(), null);
    }

    public static Actor person(String username, java.util.Collection<String> roles, String sourceAddress) {
        return new Actor(username, roles == null ? List.of() : List.copyOf(roles), sourceAddress);
    }

    /** A device acting for itself over EST. */
    public static Actor device(String serial, String sourceAddress) {
        return new Actor(DEVICE_PREFIX + serial, List.of(), sourceAddress);
    }

    /** Whether a device acts for itself, over EST. */
    public boolean isDevice() {
        return name.startsWith(DEVICE_PREFIX);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
