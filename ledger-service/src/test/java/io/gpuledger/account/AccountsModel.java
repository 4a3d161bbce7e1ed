package io.gpuledger.account;

import java.math.BigInteger;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An independent model of leases, tenant accounts and epochs, written from docs/MONEY.md alone in
 * plain BigInteger arithmetic: net values, cumulative charges floored once, draws on prepaid tenants
 * held while they are overdrawn and released oldest first, voids and adjustments as slices, SLA
 * windows (each UTC month of a lease, ended early by its close) credited by their uptime, and epochs
 * that pay max(0, carried + change) per address.
 */
final class AccountsModel {

    static final BigInteger HOUR = BigInteger.valueOf(3600);
    /** A capacity lease's values: energyWh × units per kWh × 3600 and seconds × units per hour × 1000. */
    static final BigInteger CAPACITY_DENOMINATOR = BigInteger.valueOf(3_600_000);
    static final BigInteger BPS = BigInteger.valueOf(10_000);

    record Charges(BigInteger charged, BigInteger fee, BigInteger provider) {

        static final Charges ZERO = new Charges(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

        Charges minus(Charges other) {
            return new Charges(charged.subtract(other.charged), fee.subtract(other.fee), provider.subtract(other.provider));
        }
    }

    static final class Report {
        final String id;
        final Instant start;
        final Instant end;
        final long gpuSeconds;
        /** A capacity lease's report's quantity; 0 on a GPU-hour lease's. */
        final long energyWh;
        boolean voided;

        Report(String id, Instant start, Instant end, long gpuSeconds) {
            this(id, start, end, gpuSeconds, 0);
        }

        Report(String id, Instant start, Instant end, long gpuSeconds, long energyWh) {
            this.id = id;
            this.start = start;
            this.end = end;
            this.gpuSeconds = gpuSeconds;
            this.energyWh = energyWh;
        }
    }

    /** A capacity lease's terms: its power, its fee per hour of lease time and its energy rate. */
    record Capacity(long capacityKw, BigInteger feePerHour, BigInteger energyPerKwh) {
    }

    /** A lease's SLA credit tiers: below {@code belowBps} of uptime a window earns {@code creditBps} of its charges. */
    record Sla(int uptimeTargetBps, Map<Integer, Integer> creditBpsBelow) {

        int creditBps(int uptimeBps) {
            int credit = 0;
            for (Map.Entry<Integer, Integer> tier : creditBpsBelow.entrySet()) {
                if (uptimeBps < tier.getKey()) {
                    credit = Math.max(credit, tier.getValue());
                }
            }
            return credit;
        }
    }

    /** An SLA window as the lease closed it. */
    record Window(String month, long activeSeconds, long downSeconds, int uptimeBps, int creditBps,
                  BigInteger creditUnits) {
    }

    static final class Lease {
        final String id;
        final String tenant;
        final String payoutAddress;
        final boolean prepaid;
        final int gpuCount;
        final int feeBps;
        final BigInteger price;
        /** Null on a GPU-hour lease. */
        final Capacity capacity;
        final Map<String, Report> reports = new HashMap<>();
        /** How far a capacity lease's fee has accrued, from its start. */
        Instant accruedThrough;
        BigInteger usageValue = BigInteger.ZERO;
        BigInteger adjustmentUnits = BigInteger.ZERO;
        long gpuSeconds;
        Instant closedAt;
        BigInteger held = BigInteger.ZERO;
        int nextHour;
        Instant startsAt;
        /** Null on a lease without an SLA. */
        Sla sla;
        /** Downtime periods [from, to), in the order reported (each after the one before). */
        final List<Instant[]> downtime = new ArrayList<>();
        final List<Window> windows = new ArrayList<>();
        /** The end of the last SLA window closed; null before the first. */
        Instant slaClosedThrough;

        Lease(String id, String tenant, String payoutAddress, boolean prepaid, int gpuCount, int feeBps,
              BigInteger price) {
            this(id, tenant, payoutAddress, prepaid, gpuCount, feeBps, price, null, null);
        }

        Lease(String id, String tenant, String payoutAddress, boolean prepaid, int gpuCount, int feeBps,
              BigInteger price, Capacity capacity, Instant startsAt) {
            this.capacity = capacity;
            this.accruedThrough = startsAt;
            this.startsAt = startsAt;
            this.id = id;
            this.tenant = tenant;
            this.payoutAddress = payoutAddress;
            this.prepaid = prepaid;
            this.gpuCount = gpuCount;
            this.feeBps = feeBps;
            this.price = price;
        }

        BigInteger denominator() {
            return capacity == null ? HOUR : CAPACITY_DENOMINATOR;
        }

        BigInteger netValue() {
            return usageValue.add(adjustmentUnits.multiply(denominator()));
        }

        /** A report's exact value over the lease's denominator. */
        BigInteger valueOf(Report report) {
            return capacity == null ? price.multiply(BigInteger.valueOf(report.gpuSeconds))
                    : capacity.energyPerKwh().multiply(BigInteger.valueOf(report.energyWh)).multiply(HOUR);
        }

        Charges totals() {
            return charges(netValue());
        }

        Charges charges(BigInteger netValue) {
            BigInteger charged = netValue.divide(denominator());
            if (netValue.signum() < 0 && !charged.multiply(denominator()).equals(netValue)) {
                charged = charged.subtract(BigInteger.ONE);
            }
            BigInteger fee = charged.multiply(BigInteger.valueOf(feeBps)).divide(BPS);
            return new Charges(charged, fee, charged.subtract(fee));
        }

        /** The value of the unvoided reports whose period starts before {@code t}. */
        BigInteger valueStartingBefore(Instant t) {
            BigInteger value = BigInteger.ZERO;
            for (Report report : reports.values()) {
                if (!report.voided && report.start.isBefore(t)) {
                    value = value.add(valueOf(report));
                }
            }
            return value;
        }

        /** The latest of reported downtime's end and the last closed window's end; null for none. */
        Instant slaFixedMoment() {
            Instant fixed = slaClosedThrough;
            for (Instant[] period : downtime) {
                if (fixed == null || period[1].isAfter(fixed)) {
                    fixed = period[1];
                }
            }
            return fixed;
        }

        Instant latestEnd() {
            Instant latest = null;
            for (Report report : reports.values()) {
                if (!report.voided && (latest == null || report.end.isAfter(latest))) {
                    latest = report.end;
                }
            }
            return latest;
        }
    }

    record Draw(Lease lease, Charges charges) {
    }

    static final class Tenant {
        BigInteger deposits = BigInteger.ZERO;
        BigInteger credits = BigInteger.ZERO;
        BigInteger charges = BigInteger.ZERO;
        final Deque<Draw> held = new ArrayDeque<>();

        BigInteger balance() {
            return deposits.add(credits).subtract(charges);
        }

        BigInteger heldUnits() {
            return held.stream().map(d -> d.charges.charged).reduce(BigInteger.ZERO, BigInteger::add);
        }
    }

    final Map<String, Lease> leases = new TreeMap<>();
    final Map<String, Tenant> tenants = new HashMap<>();
    /** Provider units each address earned since the last close (any sign). */
    private final Map<String, BigInteger> accrued = new TreeMap<>();
    private Map<String, BigInteger> carried = new TreeMap<>();
    /** GPU-seconds each address's leases recorded since the last close, less those voided since. */
    private final Map<String, Long> epochGpuSeconds = new TreeMap<>();

    Tenant tenant(String id) {
        return tenants.computeIfAbsent(id, t -> new Tenant());
    }

    /** A report the ledger accepted: its slice, drawn from the tenant when prepaid; true when held. */
    boolean accept(Lease lease, Report report) {
        Charges before = lease.totals();
        lease.reports.put(report.id, report);
        lease.usageValue = lease.usageValue.add(lease.valueOf(report));
        lease.gpuSeconds += report.gpuSeconds;
        epochGpuSeconds.merge(lease.payoutAddress, report.gpuSeconds, Long::sum);
        boolean held = earn(lease, lease.totals().minus(before));
        if (held) {
            closeForFunds(lease, report.end);
        }
        return held;
    }

    /**
     * An overdraw closes the lease where it overdrew, or at the end of later usage, or where its fee
     * has accrued, whichever is latest; a lease closed before stays so.
     */
    private static void closeForFunds(Lease lease, Instant at) {
        if (lease.closedAt != null) {
            return;
        }
        Instant latest = lease.latestEnd();
        Instant close = latest != null && latest.isAfter(at) ? latest : at;
        Instant slaFixed = lease.slaFixedMoment();
        if (slaFixed != null && slaFixed.isAfter(close)) {
            close = slaFixed;
        }
        if (lease.capacity != null && lease.accruedThrough.isAfter(close)) {
            close = lease.accruedThrough;
        }
        lease.closedAt = close;
    }

    /**
     * A capacity lease's fee accrued through {@code through} (never past its close): whole seconds since
     * where it stood times the fee per hour, drawn as usage is; its tenant's draws end with it.
     */
    void accrueFee(Lease lease, Instant through) {
        Instant to = lease.closedAt != null && lease.closedAt.isBefore(through) ? lease.closedAt : through;
        if (!to.isAfter(lease.accruedThrough)) {
            return;
        }
        long seconds = to.getEpochSecond() - lease.accruedThrough.getEpochSecond();
        Charges before = lease.totals();
        lease.usageValue = lease.usageValue.add(lease.capacity.feePerHour().multiply(BigInteger.valueOf(seconds))
                .multiply(BigInteger.valueOf(1000)));
        lease.accruedThrough = to;
        if (earn(lease, lease.totals().minus(before))) {
            closeForFunds(lease, to);
        }
        endOfRequest(lease.tenant);
    }

    /**
     * Closes the lease's SLA windows that ended by {@code accrueThrough}, oldest first. A window is a UTC
     * month from max(startsAt, its start) to min(its end, closedAt); its uptime is
     * floor(10000 × (active − down) / active) seconds (10000 when empty); its charges those of the unvoided
     * usage starting in its month, cumulative and floored once at each end; its credit
     * floor(charges × creditBps / 10000), at most what the lease has been charged, is a credit adjustment.
     */
    void closeSlaWindows(Lease lease, Instant accrueThrough) {
        if (lease.sla == null) {
            return;
        }
        YearMonth month = lease.windows.isEmpty() ? YearMonth.from(lease.startsAt.atOffset(ZoneOffset.UTC))
                : YearMonth.parse(lease.windows.get(lease.windows.size() - 1).month()).plusMonths(1);
        while (true) {
            Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (lease.closedAt != null && !monthStart.isBefore(lease.closedAt)) {
                return;
            }
            Instant start = monthStart.isBefore(lease.startsAt) ? lease.startsAt : monthStart;
            Instant end = lease.closedAt != null && lease.closedAt.isBefore(monthEnd) ? lease.closedAt : monthEnd;
            if (end.isAfter(accrueThrough)) {
                return;
            }
            long active = Math.max(0, end.getEpochSecond() - start.getEpochSecond());
            long down = 0;
            for (Instant[] period : lease.downtime) {
                long from = Math.max(period[0].getEpochSecond(), start.getEpochSecond());
                long to = Math.min(period[1].getEpochSecond(), end.getEpochSecond());
                down += Math.max(0, to - from);
            }
            int uptime = active == 0 ? 10_000 : (int) Math.floorDiv(10_000L * (active - down), active);
            int creditBps = lease.sla.creditBps(uptime);
            BigInteger windowCharges = lease.charges(lease.valueStartingBefore(monthEnd)).charged
                    .subtract(lease.charges(lease.valueStartingBefore(monthStart)).charged);
            BigInteger credit = windowCharges.multiply(BigInteger.valueOf(creditBps)).divide(BPS)
                    .min(lease.totals().charged.max(BigInteger.ZERO));
            if (credit.signum() > 0) {
                adjust(lease, credit.negate());
                endOfRequest(lease.tenant);
            }
            lease.windows.add(new Window(month.toString(), active, down, uptime, creditBps, credit));
            lease.slaClosedThrough = end;
            month = month.plusMonths(1);
        }
    }

    /** Whether a void is within what the lease still holds: a void never takes the charges below zero. */
    boolean mayVoid(Lease lease, Report report) {
        return lease.netValue().compareTo(lease.valueOf(report)) >= 0;
    }

    Charges voidReport(Lease lease, Report report) {
        Charges before = lease.totals();
        report.voided = true;
        lease.usageValue = lease.usageValue.subtract(lease.valueOf(report));
        lease.gpuSeconds -= report.gpuSeconds;
        epochGpuSeconds.merge(lease.payoutAddress, -report.gpuSeconds, Long::sum);
        Charges slice = lease.totals().minus(before);
        earn(lease, slice);
        return slice;
    }

    boolean mayCredit(Lease lease, BigInteger amount) {
        return amount.compareTo(lease.totals().charged) <= 0;
    }

    Charges adjust(Lease lease, BigInteger signedAmount) {
        Charges before = lease.totals();
        lease.adjustmentUnits = lease.adjustmentUnits.add(signedAmount);
        Charges slice = lease.totals().minus(before);
        earn(lease, slice);
        return slice;
    }

    /** Every draw of one request is recorded, then held draws are released if they can be. */
    void endOfRequest(String tenant) {
        release(tenant(tenant));
    }

    void deposit(String tenantId, boolean credit, BigInteger amount) {
        Tenant tenant = tenant(tenantId);
        if (credit) {
            tenant.credits = tenant.credits.add(amount);
        } else {
            tenant.deposits = tenant.deposits.add(amount);
        }
        release(tenant);
    }

    /** Closes an epoch: what each address is paid, and what it carries on. */
    Map<String, BigInteger> closeEpoch(Map<String, BigInteger> carriedOut) {
        Map<String, BigInteger> net = new TreeMap<>(accrued);
        carried.forEach((address, units) -> net.merge(address, units, BigInteger::add));
        Map<String, BigInteger> payouts = new TreeMap<>();
        Map<String, BigInteger> nextCarried = new TreeMap<>();
        net.forEach((address, units) -> {
            if (units.signum() > 0) {
                payouts.put(address, units);
            } else if (units.signum() < 0) {
                nextCarried.put(address, units);
            }
        });
        accrued.clear();
        epochGpuSeconds.clear();
        carried = nextCarried;
        carriedOut.putAll(nextCarried);
        return payouts;
    }

    /** A slice earned by the lease's provider, or drawn from a prepaid tenant first; true when held. */
    private boolean earn(Lease lease, Charges slice) {
        if (!lease.prepaid) {
            accrue(lease.payoutAddress, slice.provider);
            return false;
        }
        if (slice.charged.signum() == 0) {
            return false;
        }
        Tenant tenant = tenant(lease.tenant);
        tenant.charges = tenant.charges.add(slice.charged);
        boolean held = slice.charged.signum() > 0 && tenant.balance().signum() < 0;
        if (held) {
            tenant.held.addLast(new Draw(lease, slice));
            lease.held = lease.held.add(slice.charged);
        } else {
            accrue(lease.payoutAddress, slice.provider);
        }
        return held;
    }

    private void release(Tenant tenant) {
        BigInteger overdrawn = tenant.balance().negate().max(BigInteger.ZERO);
        BigInteger stillHeld = tenant.heldUnits();
        while (!tenant.held.isEmpty()
                && stillHeld.subtract(tenant.held.peekFirst().charges.charged).compareTo(overdrawn) >= 0) {
            Draw released = tenant.held.removeFirst();
            stillHeld = stillHeld.subtract(released.charges.charged);
            released.lease.held = released.lease.held.subtract(released.charges.charged);
            accrue(released.lease.payoutAddress, released.charges.provider);
        }
    }

    /** A GPU_SECONDS pool's weights: the addresses whose net GPU-seconds since the last close are positive. */
    Map<String, BigInteger> gpuSecondsWeights() {
        Map<String, BigInteger> weights = new TreeMap<>();
        epochGpuSeconds.forEach((address, seconds) -> {
            if (seconds > 0) {
                weights.put(address, BigInteger.valueOf(seconds));
            }
        });
        return weights;
    }

    /**
     * A reward pool paid in the next close: floor(amount × weight / Σ weights) each, then one unit each
     * to the largest remainders, equal remainders to the lower address read as a number.
     */
    void payPool(BigInteger amount, Map<String, BigInteger> weights) {
        BigInteger total = weights.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger left = amount;
        List<Map.Entry<String, BigInteger>> byRemainder = new ArrayList<>();
        for (Map.Entry<String, BigInteger> weight : weights.entrySet()) {
            BigInteger[] share = amount.multiply(weight.getValue()).divideAndRemainder(total);
            accrue(weight.getKey(), share[0]);
            left = left.subtract(share[0]);
            byRemainder.add(Map.entry(weight.getKey(), share[1]));
        }
        byRemainder.sort(Comparator.<Map.Entry<String, BigInteger>, BigInteger>comparing(Map.Entry::getValue).reversed()
                .thenComparing(e -> new BigInteger(e.getKey().substring(2), 16)));
        for (int i = 0; i < left.intValueExact(); i++) {
            accrue(byRemainder.get(i).getKey(), BigInteger.ONE);
        }
    }

    private void accrue(String address, BigInteger units) {
        accrued.merge(address, units, BigInteger::add);
    }

    List<Lease> openLeases() {
        List<Lease> open = new ArrayList<>();
        for (Lease lease : leases.values()) {
            if (lease.closedAt == null) {
                open.add(lease);
            }
        }
        return open;
    }
}
