package io.gpuledger.billing;

import io.gpuledger.common.Charges;
import java.time.Instant;
import java.util.List;

/**
 * Leases of a provider, a tenant or a marketplace over [from, to): usage by periodStart, voids by their
 * report's periodStart, adjustments by when they were recorded. A tenant's statement also has its
 * accounts' movements (null for the other statements).
 */
public record Statement(String kind, String subjectId, Instant from, Instant to, List<StatementLine> lines,
                        List<TenantAccountLine> accounts) {

    public Charges totals() {
        return sum(StatementLine::charges);
    }

    /** The capacity fee of the capacity leases among the lines; null when there are none. */
    public Charges capacityFee() {
        return lines.stream().anyMatch(l -> l.capacityFee() != null) ? sum(StatementLine::capacityFeeOrZero) : null;
    }

    /** The energy of the capacity leases among the lines; null when there are none. */
    public Charges energy() {
        return capacityFee() == null ? null
                : lines.stream().map(StatementLine::energy).filter(java.util.Objects::nonNull).reduce(Charges.ZERO, Charges::plus);
    }

    public Charges slaCredits() {
        return sum(StatementLine::slaCredits);
    }

    public Charges voids() {
        return sum(StatementLine::voids);
    }

    public Charges adjustments() {
        return sum(StatementLine::adjustments);
    }

    public Charges net() {
        return sum(StatementLine::net);
    }

    public long gpuSecondsRecorded() {
        return lines.stream().mapToLong(StatementLine::gpuSecondsRecorded).sum();
    }

    public long voidedGpuSeconds() {
        return lines.stream().mapToLong(StatementLine::voidedGpuSeconds).sum();
    }

    private Charges sum(java.util.function.Function<StatementLine, Charges> amounts) {
        return lines.stream().map(amounts).reduce(Charges.ZERO, Charges::plus);
    }
}
