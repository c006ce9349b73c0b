package org.pumppki.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the module layout: the CA in the middle depends on no door, and the doors
 * do not reach into each other. That the crypto core stays plain Bouncy Castle is checked next to
 * it, in ca-core's {@code CryptoPackageRulesTest}.
 */
class ArchitectureTest {

    private static final String CA_CORE = "org.pumppki.ca..";
    private static final String ENROLLMENT_API = "org.pumppki.api..";
    private static final String SCHEDULER = "org.pumppki.scheduler..";
    private static final String CONSOLE = "org.pumppki.console..";
    private static final String SERVER = "org.pumppki.server..";

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.pumppki");
    }

    @Test
    void caCoreDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage(CA_CORE)
                .should().dependOnClassesThat().resideInAnyPackage(ENROLLMENT_API, SCHEDULER, CONSOLE, SERVER)
                .check(classes);
    }

    @Test
    void enrollmentApiDoesNotReachIntoOtherDoors() {
        noClasses().that().resideInAPackage(ENROLLMENT_API)
                .should().dependOnClassesThat().resideInAnyPackage(SCHEDULER, CONSOLE, SERVER)
                .check(classes);
    }

    @Test
    void schedulerDoesNotReachIntoOtherDoors() {
        noClasses().that().resideInAPackage(SCHEDULER)
                .should().dependOnClassesThat().resideInAnyPackage(ENROLLMENT_API, CONSOLE, SERVER)
                .check(classes);
    }

    @Test
    void consoleDoesNotReachIntoOtherDoors() {
        noClasses().that().resideInAPackage(CONSOLE)
                .should().dependOnClassesThat().resideInAnyPackage(ENROLLMENT_API, SCHEDULER, SERVER)
                .check(classes);
    }
}
