package org.pumppki.ca.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** The crypto package stays plain Bouncy Castle and JDK, reads no clock, and holds no private key. */
class CryptoPackageRulesTest {

    private static final JavaClasses CRYPTO = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.pumppki.ca.crypto");

    @Test
    void dependsOnlyOnTheJdkAndBouncyCastle() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.bouncycastle..", "org.pumppki.ca.crypto..")
                .check(CRYPTO);
    }

    @Test
    void neverReadsTheClockItself() {
        noClasses()
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callConstructor(Date.class)
                .check(CRYPTO);
    }

    @Test
    void holdsNoPrivateKeyInAField() {
        noFields().should().haveRawType(PrivateKey.class).check(CRYPTO);
    }
}
