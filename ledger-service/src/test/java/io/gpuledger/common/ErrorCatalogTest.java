package io.gpuledger.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ErrorCatalogTest {

    @Test
    void everyRejectionCodeIsDocumentedWithItsStatus() throws IOException {
        String catalog = Files.readString(Path.of("../docs/ERRORS.md"));
        for (RejectionCode code : RejectionCode.values()) {
            assertThat(catalog).as("docs/ERRORS.md lists " + code)
                    .contains("| `" + code.name() + "` | " + code.status() + " |");
        }
    }
}
