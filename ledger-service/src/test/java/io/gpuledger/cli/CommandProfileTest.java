package io.gpuledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** The command-line modes change nothing: what the service writes at start or in the background stays off. */
class CommandProfileTest {

    private static final Properties CLI = load("application-cli.yml");

    @Test
    void everyProcessingGroupOnlyHearsEventsPublishedInTheCommandsOwnProcess() {
        Set<String> groups = new TreeSet<>();
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gpuledger").stream()
                .filter(type -> type.isAnnotatedWith(ProcessingGroup.class))
                .forEach(type -> groups.add(type.reflect().getAnnotation(ProcessingGroup.class).value()));

        assertThat(groups).isNotEmpty().allSatisfy(group ->
                assertThat(CLI.getProperty("axon.eventhandling.processors." + group + ".mode"))
                        .as("processing group %s in the command-line modes: a tracking processor claims tokens and "
                                + "writes its view", group)
                        .isEqualTo("subscribing"));
    }

    @Test
    void neitherMigrationsNorBackgroundWorkRun() {
        assertThat(CLI.getProperty("spring.flyway.enabled")).isEqualTo("false");
        assertThat(CLI.getProperty("ledger.scheduling.enabled")).isEqualTo("false");
    }

    private static Properties load(String resource) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(resource));
        return yaml.getObject();
    }
}
