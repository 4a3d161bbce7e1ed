package io.gpuledger.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The growth benchmark's disk check against the real free space of a temporary directory's disk. */
class DiskBudgetTest {

    @TempDir
    Path directory;

    @Test
    void aFillTheDiskCanHoldGoesOn() {
        DiskBudget budget = new DiskBudget(directory, 1_000_000, 0);

        assertThatCode(() -> budget.check(1_000_000 + 100L * 20_000, 20_000, 40_000)).doesNotThrowAnyException();
    }

    @Test
    void aFillLargerThanTheFreeSpaceIsRefusedWithWhatItWouldTake() {
        DiskBudget budget = new DiskBudget(directory, 1_000_000, 0);
        long reportsTheDiskCannotHold = budget.usable() / 100 * 2;

        assertThatThrownBy(() -> budget.check(1_000_000 + 100L * 20_000, 20_000, reportsTheDiskCannotHold))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot hold the fill").hasMessageContaining("100 bytes each");
    }

    @Test
    void theReserveForOthersCountsAgainstTheFreeSpace() {
        DiskBudget budget = new DiskBudget(directory, 0, (budget(directory).usable() >> 30) + 1);

        assertThatThrownBy(() -> budget.check(100L * 20_000, 20_000, 20_001)).hasMessageContaining("reserveGb");
    }

    @Test
    void tooFewReportsToMeasureRefuseNothing() {
        DiskBudget budget = new DiskBudget(directory, 1_000_000, 0);

        assertThatCode(() -> budget.check(Long.MAX_VALUE / 2, 9_999, Long.MAX_VALUE / 2)).doesNotThrowAnyException();
    }

    private static DiskBudget budget(Path directory) {
        return new DiskBudget(directory, 0, 0);
    }
}
