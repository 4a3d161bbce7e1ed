package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.LEASE_CLOSED;
import static io.gpuledger.common.RejectionCode.PRICING_CONFLICT;
import static io.gpuledger.common.RejectionCode.USAGE_OUTSIDE_LEASE;
import static io.gpuledger.common.RejectionCode.USAGE_PERIOD_OVERLAP;
import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.GpuHourPricing;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;

/** The fixed terms of a lease and the usage rules that follow from them. */
record LeaseTerms(int gpuCount, int marketplaceFeeBps, Instant startsAt, Instant endsAt) {

    static void validate(OpenLeaseCommand command) {
        if (command.gpuCount() < 1) {
            throw new LedgerRejection(VALIDATION_FAILED, "gpuCount", "gpuCount must be at least 1");
        }
        if (command.marketplaceFeeBps() < 0 || command.marketplaceFeeBps() > 10_000) {
            throw new LedgerRejection(VALIDATION_FAILED, "marketplaceFeeBps",
                    "marketplaceFeeBps must be between 0 and 10000");
        }
        validatePricing(command);
        if (command.endsAt() != null && !command.endsAt().isAfter(command.startsAt())) {
            throw new LedgerRejection(VALIDATION_FAILED, "endsAt", "endsAt must be after startsAt");
        }
        if (command.meterSigner() == null && (command.tenantSigner() != null || command.disputeWindowSeconds() != null)) {
            throw new LedgerRejection(VALIDATION_FAILED, command.tenantSigner() != null ? "tenantSigner"
                    : "disputeWindowSeconds", "a lease names a tenantSigner or a disputeWindowSeconds only with a meterSigner");
        }
        if (command.disputeWindowSeconds() != null && command.disputeWindowSeconds() < 0) {
            throw new LedgerRejection(VALIDATION_FAILED, "disputeWindowSeconds", "disputeWindowSeconds must not be negative");
        }
        if (command.sla() != null) {
            SlaRules.validate(command.sla());
        }
    }

    private static void validatePricing(OpenLeaseCommand command) {
        if (command.pricing() instanceof CapacityPricing capacity) {
            if (command.priceUnitsPerGpuHour() != null) {
                throw new LedgerRejection(PRICING_CONFLICT, "priceUnitsPerGpuHour",
                        "a CAPACITY lease leaves priceUnitsPerGpuHour out");
            }
            if (capacity.capacityKw() < 1) {
                throw new LedgerRejection(VALIDATION_FAILED, "pricing.capacityKw", "capacityKw must be at least 1");
            }
            if (capacity.feeUnitsPerHour() == null || capacity.feeUnitsPerHour().signum() < 0) {
                throw new LedgerRejection(VALIDATION_FAILED, "pricing.feeUnitsPerHour", "must not be negative");
            }
            if (capacity.energyUnitsPerKwh() == null || capacity.energyUnitsPerKwh().signum() < 0) {
                throw new LedgerRejection(VALIDATION_FAILED, "pricing.energyUnitsPerKwh", "must not be negative");
            }
            return;
        }
        BigInteger price = command.pricing() instanceof GpuHourPricing gpuHour && gpuHour.priceUnitsPerGpuHour() != null
                ? gpuHour.priceUnitsPerGpuHour() : command.priceUnitsPerGpuHour();
        if (price == null) {
            throw new LedgerRejection(PRICING_CONFLICT, "priceUnitsPerGpuHour", "a GPU_HOUR lease names its price");
        }
        if (price.signum() < 0) {
            throw new LedgerRejection(VALIDATION_FAILED, "priceUnitsPerGpuHour", "price must not be negative");
        }
    }

    /** The first rule the report breaks, or null when it may be recorded. */
    LedgerRejection checkUsage(UsageReport report, Instant closedAt, UsageBook.Draft usage, Tariff tariff) {
        Instant start = report.periodStart();
        Instant end = report.periodEnd();
        if (!start.isBefore(end)) {
            return new LedgerRejection(VALIDATION_FAILED, "periodEnd", "periodEnd must be after periodStart");
        }
        if (report.gpuSeconds() < 0) {
            return new LedgerRejection(VALIDATION_FAILED, "gpuSeconds", "gpuSeconds must not be negative");
        }
        if (closedAt != null && !start.isBefore(closedAt)) {
            return new LedgerRejection(LEASE_CLOSED, "periodStart",
                    "the lease was closed at " + closedAt + "; usage starting " + start + " is not accepted");
        }
        Instant windowEnd = earliest(endsAt, closedAt);
        if (start.isBefore(startsAt) || (windowEnd != null && end.isAfter(windowEnd))) {
            return new LedgerRejection(USAGE_OUTSIDE_LEASE, start.isBefore(startsAt) ? "periodStart" : "periodEnd",
                    "the period must lie within the lease, from " + startsAt
                            + (windowEnd == null ? "" : " to " + windowEnd));
        }
        LedgerRejection overCapacity = tariff.checkCapacity(report, wholeSeconds(start, end));
        if (overCapacity != null) {
            return overCapacity;
        }
        if (usage.overlapsRecordedPeriod(start, end)) {
            return new LedgerRejection(USAGE_PERIOD_OVERLAP, "periodStart",
                    "the period overlaps usage already recorded for this lease");
        }
        return null;
    }

    /** The end of the lease's time: its close, else its end, else null (open-ended). */
    Instant timeEnd(Instant closedAt) {
        return earliest(endsAt, closedAt);
    }

    /**
     * Whole seconds over the period, as Duration.getSeconds counts them, by plain arithmetic
     * (Duration.between was the dearest part of deciding a report).
     */
    private static long wholeSeconds(Instant start, Instant end) {
        return end.getEpochSecond() - start.getEpochSecond() - (end.getNano() < start.getNano() ? 1 : 0);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
