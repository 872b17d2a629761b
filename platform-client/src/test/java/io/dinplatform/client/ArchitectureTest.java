package io.dinplatform.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The client as the README's Architecture section states it: generated from the OpenAPI document alone, it knows
 * nothing of the platform's modules (nor Spring), so that any Java program can use it with the platform anywhere.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dinplatform.client");

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.dinplatform.client.(*)..").should().beFreeOfCycles().check(MAIN_CLASSES);
    }

    @Test
    void dependsOnNothingOfThePlatform() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.dinplatform.core..",
                        "io.dinplatform.registry..", "io.dinplatform.worker..", "io.dinplatform.api..",
                        "io.dinplatform.tools..", "org.springframework..")
                .because("the client is generated from the OpenAPI document: the contract is all it shares with the "
                        + "platform")
                .check(MAIN_CLASSES);
    }
}
