package io.gpuledger.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IdempotencyPropertiesTest {

    @Test
    void keepsKeysSevenDaysAndPrunesHourlyByDefault() {
        IdempotencyProperties defaults = new IdempotencyProperties(null, null);

        assertThat(defaults.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.pruneInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void takesTheRetentionInEitherDurationForm() {
        assertThat(bind(Map.of("ledger.idempotency.retention", "P7D")).retention()).isEqualTo(Duration.ofDays(7));
        assertThat(bind(Map.of("ledger.idempotency.retention", "24h")).retention()).isEqualTo(Duration.ofHours(24));
        assertThat(bind(Map.of("ledger.idempotency.prune-interval", "15m")).pruneInterval())
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void refusesARetentionOrIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> bind(Map.of("ledger.idempotency.retention", "0s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("LEDGER_IDEMPOTENCY_RETENTION");
        assertThatThrownBy(() -> new IdempotencyProperties(Duration.ofDays(-1), null))
                .hasMessageContaining("LEDGER_IDEMPOTENCY_RETENTION");
        assertThatThrownBy(() -> new IdempotencyProperties(null, Duration.ZERO))
                .hasMessageContaining("LEDGER_IDEMPOTENCY_PRUNE_INTERVAL");
    }

    private static IdempotencyProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("ledger.idempotency", IdempotencyProperties.class);
    }
}
