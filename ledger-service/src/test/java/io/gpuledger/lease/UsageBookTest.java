package io.gpuledger.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Periods are half-open [start, end): touching periods do not overlap, sharing one second does. */
class UsageBookTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private UsageBook book;

    @BeforeEach
    void recordTwoPeriodsWithAGapBetween() {
        book = new UsageBook();
        // [1h, 2h) and [4h, 5h), recorded out of order.
        record("b", 4, 5);
        record("a", 1, 2);
    }

    @Test
    void anEmptyBookOverlapsNothing() {
        assertThat(new UsageBook().overlapsRecordedPeriod(h(0), h(100))).isFalse();
        assertThat(new UsageBook().latestPeriodEnd()).isNull();
    }

    @Test
    void periodsEntirelyBeforeBetweenOrAfterDoNotOverlap() {
        assertThat(book.overlapsRecordedPeriod(h(0), s(1, -1))).isFalse();
        assertThat(book.overlapsRecordedPeriod(s(2, 1), s(4, -1))).isFalse();
        assertThat(book.overlapsRecordedPeriod(s(5, 1), h(9))).isFalse();
    }

    @Test
    void periodsThatTouchARecordedPeriodDoNotOverlap() {
        assertThat(book.overlapsRecordedPeriod(h(0), h(1))).isFalse();
        assertThat(book.overlapsRecordedPeriod(h(2), h(3))).isFalse();
        assertThat(book.overlapsRecordedPeriod(h(2), h(4))).isFalse();
        assertThat(book.overlapsRecordedPeriod(h(5), h(6))).isFalse();
    }

    @Test
    void periodsSharingASingleSecondOverlap() {
        assertThat(book.overlapsRecordedPeriod(h(0), s(1, 1))).isTrue();
        assertThat(book.overlapsRecordedPeriod(s(2, -1), h(3))).isTrue();
        assertThat(book.overlapsRecordedPeriod(h(3), s(4, 1))).isTrue();
        assertThat(book.overlapsRecordedPeriod(s(5, -1), h(6))).isTrue();
    }

    @Test
    void periodsThatStartTogetherWithARecordedPeriodOverlap() {
        assertThat(book.overlapsRecordedPeriod(h(1), s(1, 1))).isTrue();
        assertThat(book.overlapsRecordedPeriod(h(4), h(9))).isTrue();
    }

    @Test
    void periodsInsideOrAroundARecordedPeriodOverlap() {
        assertThat(book.overlapsRecordedPeriod(s(1, 1), s(2, -1))).isTrue();
        assertThat(book.overlapsRecordedPeriod(h(1), h(2))).isTrue();
        assertThat(book.overlapsRecordedPeriod(h(0), h(3))).isTrue();
        assertThat(book.overlapsRecordedPeriod(h(0), h(9))).isTrue();
        assertThat(book.overlapsRecordedPeriod(s(2, 1), s(5, -1))).isTrue();
    }

    @Test
    void keepsTheLatestPeriodEndWhateverTheOrderOfRecording() {
        assertThat(book.latestPeriodEnd()).isEqualTo(h(5));
        record("c", 2, 3);
        assertThat(book.latestPeriodEnd()).isEqualTo(h(5));
    }

    @Test
    void sumsGpuSecondsAndUsageValue() {
        assertThat(book.gpuSecondsRecorded()).isEqualTo(200);
        assertThat(book.usageValue()).isEqualTo(BigInteger.valueOf(200 * 7));
    }

    @Test
    void findsARecordedReportAndTellsASameBodyFromAnother() {
        UsageBook.RecordedReport found = book.find("a");
        assertThat(found.sameBodyAs(new UsageReport("a", h(1), h(2), 100))).isTrue();
        assertThat(found.sameBodyAs(new UsageReport("a", h(1), h(2), 101))).isFalse();
        assertThat(found.sameBodyAs(new UsageReport("a", h(1), s(2, 1), 100))).isFalse();
        assertThat(book.find("z")).isNull();
    }

    @Test
    void answersARecordedReportWithTheChargesItWasRecordedWithWhateverTheirSize() {
        Charges small = new Charges(BigInteger.valueOf(16_800_000), BigInteger.valueOf(840_000),
                BigInteger.valueOf(15_960_000));
        Charges atLongMax = new Charges(BigInteger.valueOf(Long.MAX_VALUE), BigInteger.ONE,
                BigInteger.valueOf(Long.MAX_VALUE - 1));
        BigInteger beyond = BigInteger.TWO.pow(200).add(BigInteger.valueOf(7));
        Charges wide = new Charges(beyond, BigInteger.valueOf(3), beyond.subtract(BigInteger.valueOf(3)));
        book.record(new UsageReport("small", h(10), h(11), 1), BigInteger.ONE, small);
        book.record(new UsageReport("max", h(11), h(12), 1), BigInteger.ONE, atLongMax);
        book.record(new UsageReport("wide", h(12), h(13), 1), BigInteger.ONE, wide);

        assertThat(book.find("small").charges()).isEqualTo(small);
        assertThat(book.find("max").charges()).isEqualTo(atLongMax);
        assertThat(book.find("wide").charges()).isEqualTo(wide);
    }

    @Test
    void seesTheReportsOfADraftOnTopOfTheBookWithoutRecordingThem() {
        UsageBook.Draft draft = book.draft();
        draft.accept(new UsageReport("d", h(2), h(3), 100), BigInteger.valueOf(50), Charges.ZERO);

        assertThat(draft.find("d").sameBodyAs(new UsageReport("d", h(2), h(3), 100))).isTrue();
        assertThat(draft.find("a")).isNotNull();
        assertThat(draft.overlapsRecordedPeriod(s(2, 1), s(2, 2))).as("the draft's own period").isTrue();
        assertThat(draft.overlapsRecordedPeriod(s(1, 1), s(1, 2))).as("the book's period").isTrue();
        assertThat(draft.overlapsRecordedPeriod(h(3), h(4))).isFalse();
        assertThat(draft.netValue()).isEqualTo(BigInteger.valueOf(200 * 7 + 50));
        assertThat(book.find("d")).isNull();
        assertThat(book.overlapsRecordedPeriod(s(2, 1), s(2, 2))).isFalse();
        assertThat(book.usageValue()).isEqualTo(BigInteger.valueOf(200 * 7));
    }

    private void record(String reportId, int fromHour, int toHour) {
        book.record(new UsageReport(reportId, h(fromHour), h(toHour), 100), BigInteger.valueOf(700), Charges.ZERO);
    }

    private static Instant h(int hours) {
        return T0.plusSeconds(3600L * hours);
    }

    private static Instant s(int hours, int seconds) {
        return h(hours).plusSeconds(seconds);
    }
}
