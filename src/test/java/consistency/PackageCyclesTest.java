package consistency;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The service's packages depend on each other one way only. A cycle means a class sits in the wrong package: move
 * it to where its dependencies point, rather than widening a package until the cycle is inside it.
 */
class PackageCyclesTest {

    @Test
    void packagesFormNoCycles() {
        JavaClasses service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("consistency");
        slices().matching("consistency.(*)..").should().beFreeOfCycles().check(service);
    }
}
