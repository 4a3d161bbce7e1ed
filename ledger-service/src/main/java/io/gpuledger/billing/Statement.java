package io.gpuledger.billing;

import io.gpuledger.common.Charges;
import java.time.Instant;
import java.util.List;

/** Leases of a provider, a tenant or a marketplace, with their charges over [from, to) by usage periodStart. */
public record Statement(String kind, String subjectId, Instant from, Instant to, List<StatementLine> lines) {

    public Charges totals() {
        return lines.stream().map(StatementLine::charges).reduce(Charges.ZERO, Charges::plus);
    }

    public long gpuSecondsRecorded() {
        return lines.stream().mapToLong(StatementLine::gpuSecondsRecorded).sum();
    }
}
