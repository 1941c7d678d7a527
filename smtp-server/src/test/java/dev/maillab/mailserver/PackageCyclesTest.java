package dev.maillab.mailserver;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The feature packages (smtp, pop3, maildir, auth, tls, dns, net) depend on each other one way only, and so do the
 * sub-packages of smtp and of pop3. What joins features both ways belongs beside the application, in the root
 * package, which is in no slice (see {@link MailTlsConfiguration}).
 */
class PackageCyclesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.maillab.mailserver");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("dev.maillab.mailserver.(*)..")
                .should()
                .beFreeOfCycles()
                .check(MAIN);
    }

    @Test
    void smtpSubPackagesAreFreeOfCycles() {
        slices().matching("dev.maillab.mailserver.smtp.(*)..")
                .should()
                .beFreeOfCycles()
                .check(MAIN);
    }

    @Test
    void pop3SubPackagesAreFreeOfCycles() {
        slices().matching("dev.maillab.mailserver.pop3.(*)..")
                .should()
                .beFreeOfCycles()
                .check(MAIN);
    }
}
