package org.pumppki.ca.store;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.pumppki.ca.domain.CertificateStatus;
import org.pumppki.ca.domain.DeviceKind;
import org.pumppki.ca.domain.DeviceState;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.domain.FlagSeverity;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.domain.Labelled;

/** Stores domain enums by their labels, the values the database check constraints list. */
final class LabelConverters {

    private LabelConverters() {
    }

    /** Converts one labelled enum; subclasses only name the type. */
    abstract static class LabelConverter<E extends Enum<E> & Labelled> implements AttributeConverter<E, String> {
        private final Class<E> type;

        LabelConverter(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E value) {
            return value == null ? null : value.label();
        }

        @Override
        public E convertToEntityAttribute(String label) {
            return label == null ? null : Labelled.fromLabel(type, label).orElseThrow(() ->
                    new IllegalStateException("Unknown " + type.getSimpleName() + " in database: " + label));
        }
    }

    @Converter
    static class DeviceKindConverter extends LabelConverter<DeviceKind> {
        DeviceKindConverter() {
            super(DeviceKind.class);
        }
    }

    @Converter
    static class DeviceStateConverter extends LabelConverter<DeviceState> {
        DeviceStateConverter() {
            super(DeviceState.class);
        }
    }

    @Converter
    static class CertificateStatusConverter extends LabelConverter<CertificateStatus> {
        CertificateStatusConverter() {
            super(CertificateStatus.class);
        }
    }

    @Converter
    static class CaRoleConverter extends LabelConverter<CertificateAuthorityRecord.Role> {
        CaRoleConverter() {
            super(CertificateAuthorityRecord.Role.class);
        }
    }

    @Converter
    static class CaStatusConverter extends LabelConverter<CertificateAuthorityRecord.Status> {
        CaStatusConverter() {
            super(CertificateAuthorityRecord.Status.class);
        }
    }

    @Converter
    static class FlagKindConverter extends LabelConverter<FlagKind> {
        FlagKindConverter() {
            super(FlagKind.class);
        }
    }

    @Converter
    static class FlagSeverityConverter extends LabelConverter<FlagSeverity> {
        FlagSeverityConverter() {
            super(FlagSeverity.class);
        }
    }

    @Converter
    static class SchedulerJobConverter extends LabelConverter<SchedulerJob> {
        SchedulerJobConverter() {
            super(SchedulerJob.class);
        }
    }
}
