package io.gpuledger.settlement;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SettlementArchitectureTest {

    private static final JavaClasses SETTLEMENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gpuledger.settlement");

    @Test
    void theEpochAggregateDecidesWithoutSpringTheChainOrTheDatabase() {
        noClasses().that().haveSimpleNameStartingWith("SettlementEpoch").or().haveSimpleName("EpochPayoutBook")
                .or().resideInAPackage("io.gpuledger.settlement.api")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.web3j..", "java.sql..",
                        "io.gpuledger.chain..", "io.gpuledger.settlement.onchain..")
                .because("aggregates decide and events change state; the chain is observed elsewhere")
                .check(SETTLEMENT);
    }
}
