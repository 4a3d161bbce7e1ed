package io.gpuledger.chain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;

class ChainArchitectureTest {

    @Test
    void onlyTheChainNodeTalksToTheNode() {
        // The generated contract wrappers take a Web3j in their constructors; the service never builds
        // them with one (it uses their function and event definitions only), which this rule keeps so.
        noClasses().that().doNotHaveFullyQualifiedName(ChainNode.class.getName())
                .and().resideOutsideOfPackage("io.gpuledger.contracts.generated..")
                .should().dependOnClassesThat().areAssignableTo(Web3j.class)
                .because("one service owns the Web3j client, so timeouts, errors and secrecy are handled once")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.gpuledger"));
    }
}
