package io.dinplatform.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module's structure as the README's Architecture section states it: its packages form no cycle, and it
 * depends on nothing it must not know. A module's test covers its own main classes; copy it for a new module.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dinplatform.api");

    @Test
    void packagesFormNoCycle() {
        // Each top-level package with its subpackages, then every single package (the root one included).
        slices().matching("io.dinplatform.api.(*)..").should().beFreeOfCycles().check(MAIN_CLASSES);
        slices().matching("io.dinplatform.(**)").should().beFreeOfCycles().check(MAIN_CLASSES);
    }

    @Test
    void dependsOnlyOnTheModulesBelow() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.dinplatform.tools..", "io.dinplatform.client..")
                .because("dependencies point one way: the command-line tools depend on din-core, no service module on "
                        + "them; the Java client is generated from this module's OpenAPI document, and only its tests "
                        + "use the client")
                .check(MAIN_CLASSES);
    }
}
