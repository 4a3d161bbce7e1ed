package io.gpuledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.gpuledger.lease.Lease;
import io.gpuledger.settlement.Settlement;
import io.gpuledger.usage.UsageBook;
import org.junit.jupiter.api.Test;

/** Aggregates decide and events change state: neither reaches for Spring, JDBC, the web or the chain. */
class DomainArchitectureTest {

    private static final JavaClasses LEDGER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gpuledger");

    @Test
    void aggregatesAndMessagesStayFreeOfInfrastructure() {
        noClasses().that().belongToAnyOf(Lease.class, Settlement.class, UsageBook.class)
                .or().haveSimpleName("LeaseTerms").or().haveSimpleName("PriceSchedule")
                .or().resideInAnyPackage("..api..", "io.gpuledger.common..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "java.sql..", "javax.sql..", "jakarta.servlet..", "org.web3j..",
                        "com.fasterxml.jackson.databind..")
                .because("the domain model is plain Java: it can be tested with Axon fixtures alone and "
                        + "replayed anywhere")
                .check(LEDGER);
    }
}
