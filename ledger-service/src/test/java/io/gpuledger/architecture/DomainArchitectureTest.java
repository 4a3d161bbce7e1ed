package io.gpuledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** Features depend on one another one way, and aggregates decide without infrastructure. */
class DomainArchitectureTest {

    private static final JavaClasses LEDGER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gpuledger");

    @Test
    void featurePackagesDependOnEachOtherOneWay() {
        slices().matching("io.gpuledger.(*)..").should().beFreeOfCycles()
                .because("a newcomer should find a rule by the folder it lives in, and a change to one "
                        + "feature should not ripple back through the features it uses")
                .check(LEDGER);
    }

    @Test
    void aggregatesAndMessagesStayFreeOfInfrastructure() {
        noClasses().that(aggregatesAndThePlainClassesBesideThem())
                .or().resideInAnyPackage("..api..", "io.gpuledger.common..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "java.sql..", "javax.sql..", "jakarta.servlet..", "org.web3j..",
                        "com.fasterxml.jackson.databind..")
                .because("the domain model is plain Java: it can be tested with Axon fixtures alone and "
                        + "replayed anywhere")
                .check(LEDGER);
    }

    /**
     * An aggregate's rules live beside it (a lease's terms, its usage book): every class in an
     * aggregate's package that is not a Spring bean belongs to the domain model.
     */
    private static DescribedPredicate<JavaClass> aggregatesAndThePlainClassesBesideThem() {
        Set<String> aggregatePackages = LEDGER.stream()
                .filter(type -> type.isAnnotatedWith(Aggregate.class))
                .map(JavaClass::getPackageName)
                .collect(Collectors.toSet());
        return DescribedPredicate.describe("aggregates and the plain classes beside them", type ->
                type.isAnnotatedWith(Aggregate.class) || aggregatePackages.contains(type.getPackageName())
                        && !isSpringBean(type) && !type.getEnclosingClass().map(DomainArchitectureTest::isSpringBean)
                        .orElse(false));
    }

    private static boolean isSpringBean(JavaClass type) {
        return type.isMetaAnnotatedWith(Component.class) || type.isAnnotatedWith(Component.class)
                || type.isAnnotatedWith(ConfigurationProperties.class);
    }
}
