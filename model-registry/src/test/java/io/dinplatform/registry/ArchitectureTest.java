package io.dinplatform.registry;

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
            .importPackages("io.dinplatform.registry");

    @Test
    void packagesFormNoCycle() {
        // Each top-level package with its subpackages, then every single package (the root one included).
        slices().matching("io.dinplatform.registry.(*)..").should().beFreeOfCycles().check(MAIN_CLASSES);
        slices().matching("io.dinplatform.(**)").should().beFreeOfCycles().check(MAIN_CLASSES);
    }

    @Test
    void knowsNothingOfDjlOrTheModulesAbove() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "ai.djl..", "io.dinplatform.core..", "io.dinplatform.worker..", "io.dinplatform.api..",
                "io.dinplatform.tools..")
                .because("model-registry knows nothing of DJL (nor of din-core, which is built on it), and the worker"
                        + " and the API depend on it, never the reverse")
                .check(MAIN_CLASSES);
    }
}
