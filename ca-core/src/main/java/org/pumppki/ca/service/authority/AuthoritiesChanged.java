package org.pumppki.ca.service.authority;

/** Fired after a transaction that added, activated, retired or revoked a CA commits. */
public record AuthoritiesChanged(long caId) {
}
