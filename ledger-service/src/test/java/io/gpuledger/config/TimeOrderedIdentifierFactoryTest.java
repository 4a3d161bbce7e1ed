package io.gpuledger.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonUsesTheTimeOrderedIdentifiers() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
    }

    @Test
    void identifiersAreVersionSevenUuidsCarryingTheirMillisecond() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(new TimeOrderedIdentifierFactory().generateIdentifier());
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void identifiersOfLaterMillisecondsSortAfterEarlierOnesAndNoneRepeats() throws InterruptedException {
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();
        List<String> firsts = new ArrayList<>();
        HashSet<String> all = new HashSet<>();
        for (int millisecond = 0; millisecond < 20; millisecond++) {
            firsts.add(factory.generateIdentifier());
            for (int i = 0; i < 10_000; i++) {
                assertThat(all.add(factory.generateIdentifier())).isTrue();
            }
            long now = System.currentTimeMillis();
            while (System.currentTimeMillis() == now) {
                Thread.onSpinWait();
            }
        }

        assertThat(firsts).isSorted();
    }
}
