package dev.maillab.console;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of web-console's main code depend on each other without a cycle, so each can be read knowing only
 * the ones it uses. Every package is a slice, the root one ({@code console}: the application and its settings)
 * included.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.maillab.console");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.maillab.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
