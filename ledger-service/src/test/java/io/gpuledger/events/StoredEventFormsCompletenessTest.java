package io.gpuledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.gpuledger.config.JsonConfig;
import io.gpuledger.support.StoredForms;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;

/**
 * No event type goes unpinned: a new event, or one an aggregate or a processor starts handling, fails
 * here until it has a sample in {@link StoredEventSamples} and a pinned form in {@code stored-events/}.
 * And the serializer the pins are checked with is still built as the application builds it.
 */
class StoredEventFormsCompletenessTest {

    private static final String UNPINNED = "event types without a sample in StoredEventSamples and a pinned form in "
            + PinnedForm.DIRECTORY + "/";

    private static final JavaClasses LEDGER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gpuledger");

    @Test
    void everyEventClassOfAnApiPackageHasASampleAndAPinnedForm() {
        Set<String> eventClasses = LEDGER.stream()
                .filter(c -> c.getPackageName().matches("io\\.gpuledger(\\.\\w+)*\\.api(\\.\\w+)*")
                        && c.getSimpleName().endsWith("Event") && !c.isInterface() && !c.isEnum())
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(eventClasses).as("classes named *Event in io.gpuledger's api packages").isNotEmpty();
        assertThat(withoutPinnedForm(eventClasses)).as(UNPINNED).isEmpty();
    }

    @Test
    void everyEventAnAggregateOrAProcessorHandlesHasASampleAndAPinnedForm() {
        Set<String> handled = new TreeSet<>();
        for (JavaClass type : LEDGER) {
            for (JavaMethod method : type.getMethods()) {
                if ((method.isAnnotatedWith(EventSourcingHandler.class) || method.isAnnotatedWith(EventHandler.class))
                        && !method.getRawParameterTypes().isEmpty()) {
                    handled.add(method.getRawParameterTypes().get(0).getName());
                }
            }
        }

        assertThat(handled).as("first parameters of event sourcing and event handlers").isNotEmpty();
        assertThat(withoutPinnedForm(handled)).as(UNPINNED).isEmpty();
    }

    @Test
    void everySampleHasAPinnedFormAndEveryPinnedFormASample() throws IOException, URISyntaxException {
        Set<String> expected = new TreeSet<>();
        Set<String> simpleNames = new HashSet<>();
        for (Record sample : StoredEventSamples.ALL) {
            assertThat(simpleNames.add(sample.getClass().getSimpleName()))
                    .as("one sample per event type, their simple names distinct: " + sample.getClass()).isTrue();
            expected.add(PinnedForm.fileName(sample.getClass()));
        }
        // An older revision stays pinned beside the current one while ledgers may still hold it.
        expected.add("UsageRecordedEvent.revision-1.json");
        expected.add("UsageRecordedEvent.revision-2.json");
        expected.add("LeaseOpenedEvent.before-signers.json");
        expected.add("LeaseOpenedEvent.before-sla.json");
        // A form from before a field was added, read with the field's reading for old events.
        expected.add("LeaseOpenedEvent.before-billing.json");
        expected.add("EpochClosedEvent.before-carried.json");
        expected.add("EpochClosedEvent.before-escrow.json");
        expected.add("EpochClosedEvent.before-withheld.json");
        expected.add("EpochFundedEvent.before-escrow.json");
        // A capacity lease's form of an event whose GPU-hour form leaves its fields out.
        expected.addAll(StoredEventSamples.CAPACITY_FORMS.keySet());

        URL directory = getClass().getClassLoader().getResource(PinnedForm.DIRECTORY);
        assertThat(directory).as(PinnedForm.DIRECTORY + " among the test resources").isNotNull();
        Set<String> pinned;
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            pinned = files.map(path -> path.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }

        assertThat(pinned).isEqualTo(expected);
    }

    @Test
    void theApplicationBuildsItsEventSerializerAsStoredFormsDoes() throws IOException {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties settings = yaml.getObject();
        assertThat(settings).isNotNull();
        assertThat(List.of(settings.getProperty("axon.serializer.general"), settings.getProperty("axon.serializer.events"),
                settings.getProperty("axon.serializer.messages")))
                .as("axon.serializer.general, events and messages").containsOnly("jackson");

        Set<String> serializerBeans = new TreeSet<>();
        for (JavaClass type : LEDGER) {
            for (JavaMethod method : type.getMethods()) {
                if (method.isAnnotatedWith(Bean.class) && (method.getRawReturnType().isAssignableTo(Serializer.class)
                        || method.getRawReturnType().isAssignableTo(RevisionResolver.class))) {
                    serializerBeans.add(method.getFullName());
                }
            }
        }
        assertThat(serializerBeans)
                .as("beans that replace Axon's serializer or revision resolver: StoredForms must build what they do")
                .containsExactly(JsonConfig.class.getName() + ".eventSerializer(" + ObjectMapper.class.getName() + ")");

        Set<String> upcasters = LEDGER.stream()
                .filter(c -> c.isAssignableTo(EventUpcaster.class) && !c.isInterface()
                        && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> readThrough = StoredForms.eventUpcasters().stream().map(u -> u.getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(readThrough).as("the upcasters StoredForms reads through").isEqualTo(upcasters);
    }

    /** Those of {@code eventTypes} with no sample (a sample without a pinned form fails here). */
    private static Set<String> withoutPinnedForm(Set<String> eventTypes) {
        Set<String> missing = new TreeSet<>(eventTypes);
        for (Record sample : StoredEventSamples.ALL) {
            PinnedForm.of(sample.getClass());
            missing.remove(sample.getClass().getName());
        }
        return missing;
    }
}
