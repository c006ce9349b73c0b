package org.pumppki.ca.store;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.pumppki.ca.security.Role;

/** Stores a {@link Role} by its role name, as the database check constraint expects. */
@Converter
public class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.roleName();
    }

    @Override
    public Role convertToEntityAttribute(String name) {
        return name == null ? null : Role.fromName(name)
                .orElseThrow(() -> new IllegalStateException("Unknown role in database: " + name));
    }
}
