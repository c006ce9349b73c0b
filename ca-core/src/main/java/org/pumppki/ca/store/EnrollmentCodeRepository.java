package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class EnrollmentCodeRepository implements PanacheRepository<EnrollmentCode> {
}
