package io.gpuledger.chain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.gpuledger.chain.local.LocalChainDeployer;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;

class ChainArchitectureTest {

    @Test
    void onlyTheChainNodeTalksToTheNode() {
        noClasses().that().doNotHaveFullyQualifiedName(ChainNode.class.getName())
                // The local-chain deployer is a development tool run before the service starts.
                .and().doNotHaveFullyQualifiedName(LocalChainDeployer.class.getName())
                // Generated wrappers take a Web3j; only the two above may hand them one.
                .and().resideOutsideOfPackage("io.gpuledger.contracts.generated..")
                .should().dependOnClassesThat().areAssignableTo(Web3j.class)
                .because("one service owns the Web3j client, so timeouts, errors and secrecy are handled once")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.gpuledger"));
    }
}
