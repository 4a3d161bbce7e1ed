package io.gpuledger.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.config.AxonStorageConfig;
import io.gpuledger.eventstore.EventStoreReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Stored events are read in one place: a reader that picks a field out of stored JSON by name, or
 * a type by its class name, breaks silently when an event changes; the one reader hands out the
 * events themselves.
 */
class OneEventReaderTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    /** The reader, and Axon's schema, which names the table for Axon's own engine. */
    private static final Set<Class<?>> ALLOWED = Set.of(EventStoreReader.class, AxonStorageConfig.class);

    @Test
    void noOtherClassRunsSqlOnTheEventTable() throws IOException {
        assertThat(classesMentioning("domain_event_entry"))
                .containsExactlyInAnyOrderElementsOf(ALLOWED.stream().map(OneEventReaderTest::sourceOf).toList());
    }

    private static List<Path> classesMentioning(String text) throws IOException {
        try (Stream<Path> sources = Files.walk(MAIN_SOURCES)) {
            return sources.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> read(path).contains(text))
                    .map(MAIN_SOURCES::relativize)
                    .toList();
        }
    }

    private static Path sourceOf(Class<?> type) {
        return Path.of(type.getName().replace('.', '/') + ".java");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
