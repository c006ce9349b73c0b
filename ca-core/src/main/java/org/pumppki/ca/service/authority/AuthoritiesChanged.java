package org.pumppki.ca.service.authority;

/** Fired after a transaction that added, activated or retired a CA commits. */
public record AuthoritiesChanged(long caId) {
}
