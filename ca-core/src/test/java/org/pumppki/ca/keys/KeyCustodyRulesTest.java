package org.pumppki.ca.keys;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import org.junit.jupiter.api.Test;

/** Rules of the key package that a code review could miss. */
class KeyCustodyRulesTest {

    private static final JavaClasses KEYS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.pumppki.ca.keys");

    @Test
    void dependsOnNoFrameworkOrLoggingLibrary() {
        noClasses()
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "javax.persistence..", "org.hibernate..",
                        "io.smallrye..", "org.jboss..", "org.slf4j..", "org.apache.logging..", "java.util.logging..")
                .because("key custody is plain JDK + Bouncy Castle, wired into CDI elsewhere")
                .check(KEYS);
    }

    @Test
    void handsOutNoPrivateKeys() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .should().notHaveRawReturnType(PrivateKey.class)
                .andShould().notHaveRawReturnType(KeyPair.class)
                .andShould().notHaveRawReturnType(KeyStore.class)
                .andShould().notHaveRawReturnType(Provider.class)
                .because("the rest of the CA signs through ContentSigner only")
                .check(KEYS);
    }
}
