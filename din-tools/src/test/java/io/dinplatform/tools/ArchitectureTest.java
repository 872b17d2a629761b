package io.dinplatform.tools;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module's structure as the README's Architecture section states it: its packages form no cycle, and the
 * command line drives din-core alone, like any program that embeds the library, never the platform's services.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dinplatform.tools");

    @Test
    void packagesFormNoCycle() {
        // Each top-level package with its subpackages, then every single package (the root one included).
        slices().matching("io.dinplatform.tools.(*)..").should().beFreeOfCycles().check(MAIN_CLASSES);
        slices().matching("io.dinplatform.(**)").should().beFreeOfCycles().check(MAIN_CLASSES);
    }

    @Test
    void drivesDinCoreAlone() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "org.springframework..", "java.sql..", "javax.sql..", "io.dinplatform.registry..",
                "io.dinplatform.worker..", "io.dinplatform.api..")
                .because("the command line and the benchmarks use din-core as a library, without a server or a "
                        + "database")
                .check(MAIN_CLASSES);
    }
}
