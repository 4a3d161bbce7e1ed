package io.gpuledger.billing;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An independent model of one lease, written from the API contract rather than from the main code:
 * what each request should be answered, and what the lease and its statements should then show.
 * Money is exact: a lease's usage is the rational Σ gpuSeconds × price / 3600, floored once.
 */
final class LedgerModel {

    private static final BigInteger SECONDS_PER_HOUR = BigInteger.valueOf(3600);
    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    private LedgerModel() {
    }

    /** Token units: what the tenant is charged, the marketplace's fee and the provider's share. */
    record Amounts(BigInteger charged, BigInteger fee, BigInteger provider) {

        static final Amounts ZERO = new Amounts(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

        /**
         * The amounts of a cumulative usage whose exact charge is {@code numerator / 3600} units:
         * charged is its floor, fee the floor of charged × bps / 10000, the provider the rest.
         */
        static Amounts ofExactCharge(BigInteger numerator, int feeBps) {
            BigInteger charged = floorDiv(numerator, SECONDS_PER_HOUR);
            BigInteger fee = floorDiv(charged.multiply(BigInteger.valueOf(feeBps)), BPS);
            return new Amounts(charged, fee, charged.subtract(fee));
        }

        Amounts minus(Amounts o) {
            return new Amounts(charged.subtract(o.charged), fee.subtract(o.fee), provider.subtract(o.provider));
        }

        Amounts plus(Amounts o) {
            return new Amounts(charged.add(o.charged), fee.add(o.fee), provider.add(o.provider));
        }

        @Override
        public String toString() {
            return charged + "/" + fee + "/" + provider;
        }

        private static BigInteger floorDiv(BigInteger a, BigInteger b) {
            BigInteger[] qr = a.divideAndRemainder(b);
            return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        }
    }

    record Report(String reportId, Instant start, Instant end, long gpuSeconds) {
    }

    /** An accepted report: priced at the price in force at its start, answered with its slice. */
    record Recorded(Report report, BigInteger price, Amounts slice) {
    }

    /** ACCEPTED or DUPLICATE with the charges answered, or REJECTED with the codes of the rules it breaks. */
    record Outcome(String status, Amounts charges, Set<String> codes) {

        static Outcome rejected(Set<String> codes) {
            return new Outcome("REJECTED", null, codes);
        }
    }

    static final class Lease {

        final String marketplaceId;
        final String leaseId;
        final String providerId;
        final String tenantId;
        final int gpuCount;
        final int feeBps;
        final Instant startsAt;
        final Instant endsAt;
        final TreeMap<Instant, BigInteger> pricesFrom = new TreeMap<>();
        BigInteger latestPriceSet;
        Instant latestPriceChange;
        Instant closedAt;
        String closeReason;
        final Map<String, Recorded> reports = new LinkedHashMap<>();

        Lease(String marketplaceId, String leaseId, String providerId, String tenantId, int gpuCount, int feeBps,
              BigInteger price, Instant startsAt, Instant endsAt) {
            this.marketplaceId = marketplaceId;
            this.leaseId = leaseId;
            this.providerId = providerId;
            this.tenantId = tenantId;
            this.gpuCount = gpuCount;
            this.feeBps = feeBps;
            this.startsAt = startsAt;
            this.endsAt = endsAt;
            this.pricesFrom.put(startsAt, price);
            this.latestPriceSet = price;
            this.latestPriceChange = startsAt;
        }

        String key() {
            return marketplaceId + "/" + leaseId;
        }

        /** Decides a report as the contract says, and records it when it is accepted. */
        Outcome record(Report r) {
            Recorded earlier = reports.get(r.reportId());
            if (earlier != null) {
                return earlier.report().equals(r)
                        ? new Outcome("DUPLICATE", earlier.slice(), Set.of())
                        : Outcome.rejected(Set.of("USAGE_REPORT_CONFLICT"));
            }
            Set<String> broken = new LinkedHashSet<>();
            if (closedAt != null && !r.start().isBefore(closedAt)) {
                broken.add("LEASE_CLOSED");
            }
            Instant until = endsAt;
            if (closedAt != null && (until == null || closedAt.isBefore(until))) {
                until = closedAt;
            }
            if (r.start().isBefore(startsAt) || (until != null && r.end().isAfter(until))) {
                broken.add("USAGE_OUTSIDE_LEASE");
            }
            long seconds = Duration.between(r.start(), r.end()).getSeconds();
            if (BigInteger.valueOf(r.gpuSeconds()).compareTo(
                    BigInteger.valueOf(gpuCount).multiply(BigInteger.valueOf(seconds))) > 0) {
                broken.add("USAGE_EXCEEDS_CAPACITY");
            }
            for (Recorded other : reports.values()) {
                if (other.report().start().isBefore(r.end()) && r.start().isBefore(other.report().end())) {
                    broken.add("USAGE_PERIOD_OVERLAP");
                    break;
                }
            }
            if (!broken.isEmpty()) {
                return Outcome.rejected(broken);
            }
            BigInteger price = pricesFrom.floorEntry(r.start()).getValue();
            BigInteger numerator = numeratorBefore(null);
            Amounts after = Amounts.ofExactCharge(
                    numerator.add(BigInteger.valueOf(r.gpuSeconds()).multiply(price)), feeBps);
            Amounts slice = after.minus(Amounts.ofExactCharge(numerator, feeBps));
            reports.put(r.reportId(), new Recorded(r, price, slice));
            return new Outcome("ACCEPTED", slice, Set.of());
        }

        /** The codes of the rules a price change breaks; applied when there are none. */
        Set<String> changePrice(Instant effectiveFrom, BigInteger price) {
            Set<String> broken = new LinkedHashSet<>();
            if (closedAt != null) {
                broken.add("LEASE_CLOSED");
            }
            if (effectiveFrom.isBefore(startsAt)) {
                broken.add("LEASE_NOT_STARTED");
            }
            Instant usageEnd = latestUsageEnd();
            if (usageEnd != null && effectiveFrom.isBefore(usageEnd)) {
                broken.add("PRICE_CHANGE_BEFORE_RECORDED_USAGE");
            }
            if (effectiveFrom.isBefore(latestPriceChange)) {
                broken.add("PRICE_CHANGE_OUT_OF_ORDER");
            }
            if (broken.isEmpty()) {
                pricesFrom.put(effectiveFrom, price);
                latestPriceSet = price;
                latestPriceChange = effectiveFrom;
            }
            return broken;
        }

        /** The codes of the rules a close breaks; applied when there are none. */
        Set<String> close(Instant at, String reason) {
            Set<String> broken = new LinkedHashSet<>();
            if (closedAt != null) {
                broken.add("LEASE_CLOSED");
            }
            if (at.isBefore(startsAt)) {
                broken.add("LEASE_NOT_STARTED");
            }
            Instant usageEnd = latestUsageEnd();
            if (usageEnd != null && at.isBefore(usageEnd)) {
                broken.add("CLOSE_BEFORE_RECORDED_USAGE");
            }
            if (broken.isEmpty()) {
                closedAt = at;
                closeReason = reason;
            }
            return broken;
        }

        Instant latestUsageEnd() {
            Instant latest = null;
            for (Recorded r : reports.values()) {
                if (latest == null || r.report().end().isAfter(latest)) {
                    latest = r.report().end();
                }
            }
            return latest;
        }

        List<Recorded> recorded() {
            return new ArrayList<>(reports.values());
        }

        long gpuSeconds(Instant from, Instant to) {
            long sum = 0;
            for (Recorded r : reports.values()) {
                if (within(r.report().start(), from, to)) {
                    sum += r.report().gpuSeconds();
                }
            }
            return sum;
        }

        Amounts totals() {
            return cumulativeBefore(null);
        }

        /** A statement's slice over [from, to) of usage periodStart: cumulative at {@code to} less at {@code from}. */
        Amounts slice(Instant from, Instant to) {
            Amounts atTo = cumulativeBefore(to);
            return from == null ? atTo : atTo.minus(cumulativeBefore(from));
        }

        /** The amounts of all usage starting before {@code moment} (null: all usage). */
        private Amounts cumulativeBefore(Instant moment) {
            return Amounts.ofExactCharge(numeratorBefore(moment), feeBps);
        }

        /** 3600 times the exact charge of all usage starting before {@code moment} (null: all usage). */
        private BigInteger numeratorBefore(Instant moment) {
            BigInteger numerator = BigInteger.ZERO;
            for (Recorded r : reports.values()) {
                if (moment == null || r.report().start().isBefore(moment)) {
                    numerator = numerator.add(BigInteger.valueOf(r.report().gpuSeconds()).multiply(r.price()));
                }
            }
            return numerator;
        }

        private static boolean within(Instant t, Instant from, Instant to) {
            return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
        }
    }
}
