package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.ADJUSTMENT_CONFLICT;
import static io.gpuledger.common.RejectionCode.ADJUSTMENT_EXCEEDS_CHARGES;
import static io.gpuledger.common.RejectionCode.CLOSE_BEFORE_RECORDED_USAGE;
import static io.gpuledger.common.RejectionCode.LEASE_CLOSED;
import static io.gpuledger.common.RejectionCode.LEASE_NOT_STARTED;
import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_BEFORE_RECORDED_USAGE;
import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_OUT_OF_ORDER;
import static io.gpuledger.common.RejectionCode.USAGE_REPORT_CONFLICT;
import static io.gpuledger.common.RejectionCode.USAGE_REPORT_NOT_FOUND;
import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;
import static io.gpuledger.common.RejectionCode.VOID_EXCEEDS_CHARGES;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.gpuledger.account.Funds;
import io.gpuledger.account.api.TenantAccountKey;
import io.gpuledger.common.Charges;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.MoneyRule;
import io.gpuledger.lease.api.AdjustLeaseCommand;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
import io.gpuledger.lease.api.CloseLeaseCommand;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.CorrectionResult;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageOutcome;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.lease.api.VoidUsageCommand;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A lease and the usage recorded against it. One aggregate holds both because every usage rule
 * depends on the lease's terms (window, GPU count, price, closing) and every lease change depends
 * on the usage recorded (a price change or close may not precede it). Usage is recorded through
 * {@link #record}, which {@code UsageAcrossLeases} calls with the funds the lease draws on.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "leaseSnapshotTrigger",
        snapshotFilter = "leaseSnapshotFilter")
@Revision(LeaseState.REVISION)
public class Lease {

    @AggregateIdentifier
    private String leaseKey;
    private String marketplaceId;
    private String leaseId;
    private String tenantId;
    private Billing billing;
    private LeaseTerms terms;
    private PriceSchedule prices;
    private Instant closedAt;
    private UsageBook usage = new UsageBook();

    protected Lease() {
    }

    /** The lease's state as a snapshot stores it. */
    public LeaseState state() {
        return new LeaseState(marketplaceId, leaseId, tenantId, billing, terms.gpuCount(), terms.marketplaceFeeBps(),
                terms.startsAt(), terms.endsAt(), new TreeMap<>(prices.pricesFrom()), closedAt, usage.state());
    }

    /** About how many bytes of heap the lease holds, to weigh it in the aggregate cache. */
    public long estimatedBytes() {
        return 600 + usage.estimatedBytes();
    }

    /** A lease as a snapshot stored it. */
    public static Lease restore(LeaseState state) {
        Lease lease = new Lease();
        lease.leaseKey = LeaseKey.of(state.marketplaceId(), state.leaseId());
        lease.marketplaceId = state.marketplaceId();
        lease.leaseId = state.leaseId();
        lease.tenantId = state.tenantId();
        lease.billing = state.billing();
        lease.terms = new LeaseTerms(state.gpuCount(), state.marketplaceFeeBps(), state.startsAt(), state.endsAt());
        lease.prices = PriceSchedule.of(state.pricesFrom());
        lease.closedAt = state.closedAt();
        lease.usage = UsageBook.restore(state.usage());
        return lease;
    }

    @CommandHandler
    public Lease(OpenLeaseCommand command) {
        LeaseTerms.validate(command);
        apply(new LeaseOpenedEvent(command.marketplaceId(), command.leaseId(), command.providerId(),
                command.providerPayoutAddress(), command.tenantId(), command.gpuModel(), command.gpuCount(),
                command.priceUnitsPerGpuHour(), command.marketplaceFeeBps(), command.startsAt(), command.endsAt(),
                command.billing() == null ? Billing.POSTPAID : command.billing()));
    }

    @CommandHandler
    public void handle(ChangeLeasePriceCommand command) {
        Instant effectiveFrom = command.effectiveFrom();
        requireOpen();
        requireNotBeforeStart(effectiveFrom, "effectiveFrom");
        if (usage.latestPeriodEnd() != null && effectiveFrom.isBefore(usage.latestPeriodEnd())) {
            throw new LedgerRejection(PRICE_CHANGE_BEFORE_RECORDED_USAGE, "effectiveFrom",
                    "effectiveFrom " + effectiveFrom + " precedes recorded usage ending " + usage.latestPeriodEnd());
        }
        if (effectiveFrom.isBefore(prices.latestChange())) {
            throw new LedgerRejection(PRICE_CHANGE_OUT_OF_ORDER, "effectiveFrom",
                    "effectiveFrom " + effectiveFrom + " precedes the price change of " + prices.latestChange());
        }
        apply(new LeasePriceChangedEvent(marketplaceId, leaseId, command.priceUnitsPerGpuHour(), effectiveFrom));
    }

    @CommandHandler
    public void handle(CloseLeaseCommand command) {
        requireOpen();
        requireNotBeforeStart(command.closedAt(), "closedAt");
        if (usage.latestPeriodEnd() != null && command.closedAt().isBefore(usage.latestPeriodEnd())) {
            throw new LedgerRejection(CLOSE_BEFORE_RECORDED_USAGE, "closedAt",
                    "closedAt " + command.closedAt() + " precedes recorded usage ending " + usage.latestPeriodEnd());
        }
        apply(new LeaseClosedEvent(marketplaceId, leaseId, command.reason(), command.closedAt()));
    }

    /** The key of the tenant account a prepaid lease draws on; null for a postpaid lease. */
    public String prepaidAccountKey() {
        return billing == Billing.PREPAID ? TenantAccountKey.of(marketplaceId, tenantId) : null;
    }

    public String marketplaceId() {
        return marketplaceId;
    }

    public String tenantId() {
        return tenantId;
    }

    /**
     * Decides each report against the lease and the reports before it, drawing each accepted report's
     * charges from {@code funds}; the accepted reports are recorded in one event. A draw that overdraws
     * the funds closes the lease (INSUFFICIENT_FUNDS) at the end of that report's period, or of later
     * usage already recorded, so the reports after it are decided against the closed lease.
     */
    public List<UsageOutcome> record(List<UsageReport> reports, Funds funds) {
        return record(reports, funds, Map.of());
    }

    /**
     * As {@link #record(List, Funds)}, with the reports recorded before the recent ones that the
     * store found under the ids {@link #forgettable} named ({@code recalled}, by id).
     */
    public List<UsageOutcome> record(List<UsageReport> reports, Funds funds,
                                     Map<String, UsageBook.RecordedReport> recalled) {
        List<UsageOutcome> outcomes = new ArrayList<>(reports.size());
        int next = 0;
        while (next < reports.size()) {
            next = recordUntilOverdrawn(reports, next, funds, recalled, outcomes);
        }
        return outcomes;
    }

    /**
     * The ids among {@code reportIds} that this lease may have recorded before its recent reports:
     * the store is asked for them before they are decided. Empty while the lease forgot no report.
     */
    public List<String> forgettable(List<String> reportIds) {
        return reportIds.stream().filter(usage::mayHaveForgotten).toList();
    }

    private int recordUntilOverdrawn(List<UsageReport> reports, int from, Funds funds,
                                     Map<String, UsageBook.RecordedReport> recalled, List<UsageOutcome> outcomes) {
        UsageBook.Draft draft = usage.draft(recalled);
        List<RecordedUsage> accepted = new ArrayList<>(reports.size() - from);
        int overdrawing = -1;
        int next = from;
        while (next < reports.size() && overdrawing < 0) {
            UsageOutcome outcome = decide(reports.get(next++), draft, accepted);
            outcomes.add(outcome);
            if (outcome.status() == UsageOutcome.Status.ACCEPTED && funds.draw(leaseId, outcome.charges())) {
                overdrawing = outcomes.size() - 1;
            }
        }
        if (!accepted.isEmpty()) {
            apply(new UsageRecordedEvent(marketplaceId, leaseId, accepted));
        }
        if (overdrawing >= 0) {
            outcomes.set(overdrawing, outcomes.get(overdrawing).heldClosingAt(closeForFunds(reports.get(next - 1))));
        }
        return next;
    }

    /**
     * Closes the lease for insufficient funds at the end of the report that overdrew, or of later
     * usage already recorded (a close never precedes recorded usage); null when it was closed before.
     */
    private Instant closeForFunds(UsageReport overdrawing) {
        if (closedAt != null) {
            return null;
        }
        Instant latest = usage.latestPeriodEnd();
        Instant at = latest != null && latest.isAfter(overdrawing.periodEnd()) ? latest : overdrawing.periodEnd();
        apply(new LeaseClosedEvent(marketplaceId, leaseId, CloseReason.INSUFFICIENT_FUNDS, at));
        return at;
    }

    /**
     * Voids a recorded report: its usage value stops counting, its period is free, and its
     * compensating slice (zero or negative) is drawn from {@code funds}, which gives it back to a
     * prepaid tenant. A report voided before answers the first void.
     */
    public CorrectionResult voidUsage(VoidUsageCommand command, Funds funds) {
        return voidUsage(command, funds, null);
    }

    /** As {@link #voidUsage(VoidUsageCommand, Funds)}, with the report the store found when it is not a recent one. */
    public CorrectionResult voidUsage(VoidUsageCommand command, Funds funds, UsageBook.RecordedReport recalled) {
        Charges earlier = usage.voidOf(command.reportId());
        if (earlier != null) {
            return new CorrectionResult(true, earlier);
        }
        UsageBook.RecordedReport report = usage.find(command.reportId());
        if (report == null) {
            report = recalled;
        }
        if (report == null) {
            throw new LedgerRejection(USAGE_REPORT_NOT_FOUND, "reportId",
                    "no report " + command.reportId() + " was recorded for lease " + leaseId);
        }
        BigInteger price = prices.priceAt(report.periodStart());
        BigInteger value = MoneyRule.usageValue(report.gpuSeconds(), price);
        if (usage.netValue().compareTo(value) < 0) {
            throw new LedgerRejection(VOID_EXCEEDS_CHARGES, "reportId", "voiding " + command.reportId()
                    + " would take the lease's charges below zero: credits gave back part of it already");
        }
        Charges slice = sliceOf(value.negate());
        apply(new UsageVoidedEvent(marketplaceId, leaseId, report.reportId(), command.reason(), report.periodStart(),
                report.periodEnd(), report.gpuSeconds(), price, slice.chargedUnits(), slice.feeUnits(),
                slice.providerUnits()));
        funds.draw(leaseId, slice);
        return new CorrectionResult(false, slice);
    }

    /**
     * Credits or debits the lease's charges. A credit may not exceed what the lease has been charged;
     * the slice is drawn from {@code funds} (a debit that overdraws a prepaid tenant is held, as usage
     * is, but closes nothing: no GPU ran for it).
     */
    public CorrectionResult adjust(AdjustLeaseCommand command, Funds funds) {
        LeaseAdjustedEvent earlier = usage.adjustment(command.adjustmentId());
        if (earlier != null) {
            if (earlier.kind() == command.kind() && earlier.amountUnits().equals(command.amountUnits())
                    && earlier.reason() == command.reason()) {
                return new CorrectionResult(true,
                        new Charges(earlier.chargedUnits(), earlier.feeUnits(), earlier.providerUnits()));
            }
            throw new LedgerRejection(ADJUSTMENT_CONFLICT, "adjustmentId",
                    "adjustmentId " + command.adjustmentId() + " was used with another kind, amount or reason");
        }
        if (command.amountUnits().signum() <= 0) {
            throw new LedgerRejection(VALIDATION_FAILED, "amountUnits", "amountUnits must be positive");
        }
        BigInteger charged = MoneyRule.charges(usage.netValue(), terms.marketplaceFeeBps()).chargedUnits();
        if (command.kind() == AdjustmentKind.CREDIT && command.amountUnits().compareTo(charged) > 0) {
            throw new LedgerRejection(ADJUSTMENT_EXCEEDS_CHARGES, "amountUnits",
                    "a credit of " + command.amountUnits() + " exceeds the " + charged + " the lease has been charged");
        }
        BigInteger value = command.amountUnits().multiply(MoneyRule.SECONDS_PER_HOUR);
        Charges slice = sliceOf(command.kind() == AdjustmentKind.DEBIT ? value : value.negate());
        apply(new LeaseAdjustedEvent(marketplaceId, leaseId, command.adjustmentId(), command.kind(),
                command.amountUnits(), command.reason(), slice.chargedUnits(), slice.feeUnits(), slice.providerUnits()));
        funds.draw(leaseId, slice);
        return new CorrectionResult(false, slice);
    }

    /** The change in the lease's cumulative charges that a change of its net value by {@code valueChange} makes. */
    private Charges sliceOf(BigInteger valueChange) {
        BigInteger net = usage.netValue();
        return MoneyRule.charges(net.add(valueChange), terms.marketplaceFeeBps())
                .minus(MoneyRule.charges(net, terms.marketplaceFeeBps()));
    }

    private UsageOutcome decide(UsageReport report, UsageBook.Draft draft, List<RecordedUsage> accepted) {
        UsageBook.RecordedReport earlier = draft.find(report.reportId());
        if (earlier != null) {
            return earlier.sameBodyAs(report)
                    ? UsageOutcome.duplicate(report.reportId(), earlier.charges())
                    : UsageOutcome.rejected(report.reportId(), new LedgerRejection(USAGE_REPORT_CONFLICT, "reportId",
                            "reportId " + report.reportId() + " was recorded with a different body"));
        }
        LedgerRejection broken = terms.checkUsage(report, closedAt, draft);
        if (broken != null) {
            return UsageOutcome.rejected(report.reportId(), broken);
        }
        BigInteger price = prices.priceAt(report.periodStart());
        BigInteger reportValue = MoneyRule.usageValue(report.gpuSeconds(), price);
        Charges before = MoneyRule.charges(draft.netValue(), terms.marketplaceFeeBps());
        Charges slice = MoneyRule.charges(draft.netValue().add(reportValue), terms.marketplaceFeeBps()).minus(before);
        draft.accept(report, reportValue, slice);
        accepted.add(new RecordedUsage(report.reportId(), report.periodStart(), report.periodEnd(),
                report.gpuSeconds(), price, slice.chargedUnits(), slice.feeUnits(), slice.providerUnits()));
        return UsageOutcome.accepted(report.reportId(), slice);
    }

    private void requireOpen() {
        if (closedAt != null) {
            throw new LedgerRejection(LEASE_CLOSED, "lease " + leaseId + " was closed at " + closedAt);
        }
    }

    private void requireNotBeforeStart(Instant moment, String field) {
        if (moment.isBefore(terms.startsAt())) {
            throw new LedgerRejection(LEASE_NOT_STARTED, field,
                    field + " " + moment + " precedes the lease's start " + terms.startsAt());
        }
    }

    @EventSourcingHandler
    void on(LeaseOpenedEvent event) {
        leaseKey = LeaseKey.of(event.marketplaceId(), event.leaseId());
        marketplaceId = event.marketplaceId();
        leaseId = event.leaseId();
        tenantId = event.tenantId();
        billing = event.billingOrDefault();
        terms = new LeaseTerms(event.gpuCount(), event.marketplaceFeeBps(), event.startsAt(), event.endsAt());
        prices = new PriceSchedule(event.startsAt(), event.priceUnitsPerGpuHour());
    }

    @EventSourcingHandler
    void on(LeasePriceChangedEvent event) {
        prices.change(event.effectiveFrom(), event.priceUnitsPerGpuHour());
    }

    @EventSourcingHandler
    void on(LeaseClosedEvent event) {
        closedAt = event.closedAt();
    }

    @EventSourcingHandler
    void on(UsageVoidedEvent event) {
        usage.recordVoid(event.reportId(), event.periodStart(), event.periodEnd(), event.gpuSeconds(),
                MoneyRule.usageValue(event.gpuSeconds(), event.priceUnitsPerGpuHour()),
                new Charges(event.chargedUnits(), event.feeUnits(), event.providerUnits()));
    }

    @EventSourcingHandler
    void on(LeaseAdjustedEvent event) {
        usage.recordAdjustment(event);
    }

    @EventSourcingHandler
    void on(UsageRecordedEvent event) {
        for (RecordedUsage recorded : event.reports()) {
            usage.record(recorded.report(), MoneyRule.usageValue(recorded.gpuSeconds(), recorded.priceUnitsPerGpuHour()),
                    new Charges(recorded.chargedUnits(), recorded.feeUnits(), recorded.providerUnits()));
        }
    }
}
