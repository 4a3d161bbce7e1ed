package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.ADJUSTMENT_CONFLICT;
import static io.gpuledger.common.RejectionCode.ADJUSTMENT_EXCEEDS_CHARGES;
import static io.gpuledger.common.RejectionCode.CLOSE_BEFORE_RECORDED_DOWNTIME;
import static io.gpuledger.common.RejectionCode.CLOSE_BEFORE_RECORDED_USAGE;
import static io.gpuledger.common.RejectionCode.DOWNTIME_REPORT_CONFLICT;
import static io.gpuledger.common.RejectionCode.DISPUTE_ALREADY_RESOLVED;
import static io.gpuledger.common.RejectionCode.DISPUTE_WINDOW_CLOSED;
import static io.gpuledger.common.RejectionCode.LEASE_CLOSED;
import static io.gpuledger.common.RejectionCode.LEASE_NOT_STARTED;
import static io.gpuledger.common.RejectionCode.LEASE_WITHOUT_SLA;
import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_BEFORE_RECORDED_USAGE;
import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_OUT_OF_ORDER;
import static io.gpuledger.common.RejectionCode.SLA_WINDOW_CLOSED;
import static io.gpuledger.common.RejectionCode.USAGE_COUNTERSIGNED;
import static io.gpuledger.common.RejectionCode.USAGE_NOT_DISPUTED;
import static io.gpuledger.common.RejectionCode.USAGE_QUANTITY_MISMATCH;
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
import io.gpuledger.lease.api.AccrueCapacityFeeCommand;
import io.gpuledger.lease.api.AdjustLeaseCommand;
import io.gpuledger.lease.api.CapacityFeeAccruedEvent;
import io.gpuledger.lease.api.GpuHourPricing;
import io.gpuledger.lease.api.LeasePricing;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.AdjustmentReason;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
import io.gpuledger.lease.api.CloseLeaseCommand;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.CloseSlaWindowsCommand;
import io.gpuledger.lease.api.CorrectionResult;
import io.gpuledger.lease.api.DisputeOutcome;
import io.gpuledger.lease.api.DisputeResult;
import io.gpuledger.lease.api.DisputeUsageCommand;
import io.gpuledger.lease.api.DowntimeReportedEvent;
import io.gpuledger.lease.api.DowntimeResult;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.ReportDowntimeCommand;
import io.gpuledger.lease.api.ResolveDisputeCommand;
import io.gpuledger.lease.api.SlaWindow;
import io.gpuledger.lease.api.SlaWindowClosedEvent;
import io.gpuledger.lease.api.UsageDisputeResolvedEvent;
import io.gpuledger.lease.api.UsageDisputedEvent;
import io.gpuledger.lease.api.UsageOutcome;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.lease.api.UsageSignatures;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.lease.api.VoidUsageCommand;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A lease and the usage recorded against it. One aggregate holds both because every usage rule
 * depends on the lease's terms (window, GPU count, price, closing) and every lease change depends
 * on the usage recorded (a price change or close may not precede it). Usage is recorded through
 * {@link #record}, which {@code UsageAcrossLeases} calls with the funds the lease draws on.
 */
@Aggregate(cache = "aggregateCache")
public class Lease {

    @AggregateIdentifier
    private String leaseKey;
    private String marketplaceId;
    private String leaseId;
    private String tenantId;
    private Billing billing;
    private LeaseTerms terms;
    private Tariff tariff;
    private Instant closedAt;
    /** How far a capacity lease's fee has accrued: from its start, by each CapacityFeeAccruedEvent. */
    private Instant feeAccruedThrough;
    /** Null on a lease without signers. */
    private UsageSigners signers;
    private final UsageBook usage = new UsageBook();
    @AggregateMember
    private final UsageDisputes disputes = new UsageDisputes();
    @AggregateMember
    private final SlaBook sla = new SlaBook();

    protected Lease() {
    }

    @CommandHandler
    public Lease(OpenLeaseCommand command) {
        LeaseTerms.validate(command);
        LeasePricing stored = command.pricing() instanceof GpuHourPricing ? null : command.pricing();
        BigInteger price = command.pricing() instanceof GpuHourPricing gpuHour ? gpuHour.priceUnitsPerGpuHour()
                : command.priceUnitsPerGpuHour();
        apply(new LeaseOpenedEvent(command.marketplaceId(), command.leaseId(), command.providerId(),
                command.providerPayoutAddress(), command.tenantId(), command.gpuModel(), command.gpuCount(),
                price, command.marketplaceFeeBps(), command.startsAt(), command.endsAt(),
                command.billing() == null ? Billing.POSTPAID : command.billing(), command.meterSigner(),
                command.tenantSigner(), disputeWindowOf(command), stored, command.sla()));
    }

    private static Long disputeWindowOf(OpenLeaseCommand command) {
        if (command.meterSigner() == null) {
            return null;
        }
        return command.disputeWindowSeconds() == null ? OpenLeaseCommand.DEFAULT_DISPUTE_WINDOW_SECONDS
                : command.disputeWindowSeconds();
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
        if (feeAccruedThrough != null && effectiveFrom.isBefore(feeAccruedThrough)) {
            throw new LedgerRejection(PRICE_CHANGE_BEFORE_RECORDED_USAGE, "effectiveFrom",
                    "effectiveFrom " + effectiveFrom + " precedes the fee accrued through " + feeAccruedThrough);
        }
        if (effectiveFrom.isBefore(tariff.latestChange())) {
            throw new LedgerRejection(PRICE_CHANGE_OUT_OF_ORDER, "effectiveFrom",
                    "effectiveFrom " + effectiveFrom + " precedes the price change of " + tariff.latestChange());
        }
        apply(tariff.change(marketplaceId, leaseId, command));
    }

    /**
     * Accrues a capacity lease's fee from where it stands up to {@code command.through()}, never past
     * its close or end, drawing the slice from {@code funds}; nothing when it stands there already, so
     * a retried accrual accrues nothing twice. A draw that overdraws closes the lease (INSUFFICIENT_FUNDS)
     * at the instant accrued through, or at the end of later usage already recorded.
     *
     * @return the slice accrued, null when nothing was
     */
    public Charges accrueFee(AccrueCapacityFeeCommand command, Funds funds) {
        if (!(tariff instanceof CapacityTariff capacity)) {
            return null;
        }
        Instant end = terms.timeEnd(closedAt);
        Instant through = end != null && end.isBefore(command.through()) ? end : command.through();
        if (!through.isAfter(feeAccruedThrough)) {
            return null;
        }
        BigInteger feeValue = capacity.feeValue(feeAccruedThrough, through);
        Charges slice = sliceOf(MoneyRule.capacityFeeValue(feeValue));
        apply(new CapacityFeeAccruedEvent(marketplaceId, leaseId, feeAccruedThrough, through, feeValue,
                slice.chargedUnits(), slice.feeUnits(), slice.providerUnits()));
        if (funds.draw(leaseId, slice)) {
            closeForFunds(through);
        }
        return slice;
    }

    @CommandHandler
    public void handle(CloseLeaseCommand command) {
        requireOpen();
        requireNotBeforeStart(command.closedAt(), "closedAt");
        if (usage.latestPeriodEnd() != null && command.closedAt().isBefore(usage.latestPeriodEnd())) {
            throw new LedgerRejection(CLOSE_BEFORE_RECORDED_USAGE, "closedAt",
                    "closedAt " + command.closedAt() + " precedes recorded usage ending " + usage.latestPeriodEnd());
        }
        if (feeAccruedThrough != null && command.closedAt().isBefore(feeAccruedThrough)) {
            throw new LedgerRejection(CLOSE_BEFORE_RECORDED_USAGE, "closedAt",
                    "closedAt " + command.closedAt() + " precedes the fee accrued through " + feeAccruedThrough);
        }
        requireNoSlaAfter(command.closedAt());
        apply(new LeaseClosedEvent(marketplaceId, leaseId, command.reason(), command.closedAt()));
    }

    /** A close may not precede reported downtime, nor the end of an SLA window already closed and credited. */
    private void requireNoSlaAfter(Instant closedAt) {
        SlaWindowClosedEvent lastClosed = sla.lastClosed();
        if (lastClosed != null && closedAt.isBefore(lastClosed.windowEnd())) {
            throw new LedgerRejection(SLA_WINDOW_CLOSED, "closedAt", "closedAt " + closedAt + " precedes the end of SLA window "
                    + lastClosed.window() + " (" + lastClosed.windowEnd() + "), which was closed and credited");
        }
        Instant downtimeEnd = sla.latestDowntimeEnd();
        if (downtimeEnd != null && closedAt.isBefore(downtimeEnd)) {
            throw new LedgerRejection(CLOSE_BEFORE_RECORDED_DOWNTIME, "closedAt",
                    "closedAt " + closedAt + " precedes reported downtime ending " + downtimeEnd);
        }
    }

    /**
     * Records downtime of a lease with an SLA: within the lease's active time, overlapping no other
     * downtime and no window closed already. The same report again answers the first result.
     */
    @CommandHandler
    public DowntimeResult handle(ReportDowntimeCommand command) {
        if (!sla.agreed()) {
            throw new LedgerRejection(LEASE_WITHOUT_SLA, "lease " + leaseId + " has no SLA");
        }
        DowntimeReportedEvent earlier = sla.downtime(command.reportId());
        if (earlier != null) {
            if (earlier.from().equals(command.from()) && earlier.to().equals(command.to())) {
                return new DowntimeResult(earlier.reportId(), earlier.from(), earlier.to(), true);
            }
            throw new LedgerRejection(DOWNTIME_REPORT_CONFLICT, "reportId",
                    "reportId " + command.reportId() + " was reported with another period");
        }
        LedgerRejection broken = sla.check(command);
        if (broken != null) {
            throw broken;
        }
        apply(new DowntimeReportedEvent(marketplaceId, leaseId, command.reportId(), command.from(), command.to()));
        return new DowntimeResult(command.reportId(), command.from(), command.to(), false);
    }

    /**
     * Closes each SLA window that ended by {@code accrueThrough}, oldest first: measures its uptime,
     * picks its tier and credits the lease (an SLA_CREDIT adjustment, drawn from {@code funds} as any
     * adjustment is) by floor(window charges × creditBps / 10000), at most what the lease has been
     * charged. Answers how many windows it closed; a window closed before is not closed again.
     */
    public int closeSlaWindows(CloseSlaWindowsCommand command, Funds funds) {
        if (!sla.agreed()) {
            return 0;
        }
        List<SlaWindow> due = sla.dueWindows(command.accrueThrough());
        for (SlaWindow window : due) {
            long active = window.activeSeconds();
            long down = sla.downSecondsIn(window);
            int uptime = SlaWindow.uptimeBps(active, down);
            int creditBps = sla.sla().creditBpsFor(uptime);
            BigInteger windowCharged = sla.windowChargedUnits(window, usage.denominator());
            BigInteger charged = MoneyRule.charges(usage.netValue(), usage.denominator(), terms.marketplaceFeeBps())
                    .chargedUnits();
            BigInteger credit = windowCharged.multiply(BigInteger.valueOf(creditBps)).divide(MoneyRule.BPS_DENOMINATOR)
                    .min(charged.max(BigInteger.ZERO));
            apply(new SlaWindowClosedEvent(marketplaceId, leaseId, window.name(), window.start(), window.end(), active,
                    down, uptime, creditBps, windowCharged, credit));
            if (credit.signum() > 0) {
                applyAdjustment(SlaWindowClosedEvent.adjustmentIdOf(window.name()), AdjustmentKind.CREDIT, credit,
                        AdjustmentReason.SLA_CREDIT, funds);
            }
        }
        return due.size();
    }

    public boolean hasSla() {
        return sla.agreed();
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
        List<UsageOutcome> outcomes = new ArrayList<>(reports.size());
        int next = 0;
        while (next < reports.size()) {
            next = recordUntilOverdrawn(reports, next, funds, outcomes);
        }
        return outcomes;
    }

    private int recordUntilOverdrawn(List<UsageReport> reports, int from, Funds funds, List<UsageOutcome> outcomes) {
        UsageBook.Draft draft = usage.draft();
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
            outcomes.set(overdrawing, outcomes.get(overdrawing).heldClosingAt(closeForFunds(reports.get(next - 1)
                    .periodEnd())));
        }
        return next;
    }

    /**
     * Closes the lease for insufficient funds at {@code overdrawnAt} (the end of the report that overdrew),
     * or at the end of later usage already recorded, or where a capacity lease's fee has accrued through
     * (a close never precedes what was recorded); null when it was closed before.
     */
    private Instant closeForFunds(Instant overdrawnAt) {
        if (closedAt != null) {
            return null;
        }
        Instant latest = usage.latestPeriodEnd();
        Instant at = latest != null && latest.isAfter(overdrawnAt) ? latest : overdrawnAt;
        Instant slaFixed = sla.latestFixedMoment();
        at = slaFixed != null && slaFixed.isAfter(at) ? slaFixed : at;
        at = feeAccruedThrough != null && feeAccruedThrough.isAfter(at) ? feeAccruedThrough : at;
        apply(new LeaseClosedEvent(marketplaceId, leaseId, CloseReason.INSUFFICIENT_FUNDS, at));
        return at;
    }

    /**
     * Voids a recorded report: its usage value stops counting, its period is free, and its
     * compensating slice (zero or negative) is drawn from {@code funds}, which gives it back to a
     * prepaid tenant. A report voided before answers the first void.
     */
    public CorrectionResult voidUsage(VoidUsageCommand command, Funds funds) {
        Charges earlier = usage.voidOf(command.reportId());
        if (earlier != null) {
            return new CorrectionResult(true, earlier);
        }
        UsageBook.RecordedReport report = usage.find(command.reportId());
        if (report == null) {
            throw new LedgerRejection(USAGE_REPORT_NOT_FOUND, "reportId",
                    "no report " + command.reportId() + " was recorded for lease " + leaseId);
        }
        RecordedUsage priced = tariff.price(asReport(report));
        BigInteger value = tariff.valueOf(priced);
        if (usage.netValue().compareTo(value) < 0) {
            throw new LedgerRejection(VOID_EXCEEDS_CHARGES, "reportId", "voiding " + command.reportId()
                    + " would take the lease's charges below zero: credits gave back part of it already");
        }
        Charges slice = sliceOf(value.negate());
        apply(new UsageVoidedEvent(marketplaceId, leaseId, report.reportId(), command.reason(), report.periodStart(),
                report.periodEnd(), priced.gpuSeconds(), priced.priceUnitsPerGpuHour(), slice.chargedUnits(),
                slice.feeUnits(), slice.providerUnits(), priced.energyWh(), priced.energyUnitsPerKwh()));
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
        BigInteger charged = MoneyRule.charges(usage.netValue(), usage.denominator(), terms.marketplaceFeeBps())
                .chargedUnits();
        if (command.kind() == AdjustmentKind.CREDIT && command.amountUnits().compareTo(charged) > 0) {
            throw new LedgerRejection(ADJUSTMENT_EXCEEDS_CHARGES, "amountUnits",
                    "a credit of " + command.amountUnits() + " exceeds the " + charged + " the lease has been charged");
        }
        return new CorrectionResult(false, applyAdjustment(command.adjustmentId(), command.kind(), command.amountUnits(),
                command.reason(), funds));
    }

    private Charges applyAdjustment(String adjustmentId, AdjustmentKind kind, BigInteger amountUnits,
                                    AdjustmentReason reason, Funds funds) {
        BigInteger value = amountUnits.multiply(usage.denominator());
        Charges slice = sliceOf(kind == AdjustmentKind.DEBIT ? value : value.negate());
        apply(new LeaseAdjustedEvent(marketplaceId, leaseId, adjustmentId, kind, amountUnits, reason,
                slice.chargedUnits(), slice.feeUnits(), slice.providerUnits()));
        funds.draw(leaseId, slice);
        return slice;
    }

    /**
     * Disputes a report the tenant did not countersign, before its dispute window ends (the window
     * runs from when the report was recorded). A report disputed before answers the first dispute.
     */
    public DisputeResult dispute(DisputeUsageCommand command) {
        String reportId = command.reportId();
        UsageDisputedEvent earlier = disputes.dispute(reportId);
        if (earlier != null) {
            return new DisputeResult(reportId, disputes.outcome(reportId), earlier.disputedAt(), null, true);
        }
        if (usage.find(reportId) == null) {
            throw new LedgerRejection(USAGE_REPORT_NOT_FOUND, "reportId",
                    "no report " + reportId + " was recorded for lease " + leaseId);
        }
        if (!disputes.hasWindow()) {
            throw new LedgerRejection(DISPUTE_WINDOW_CLOSED, "reportId",
                    "lease " + leaseId + " names no meterSigner: its usage has no dispute window");
        }
        Instant recordedAt = disputes.recordedAt(reportId);
        if (recordedAt == null) {
            throw new LedgerRejection(USAGE_COUNTERSIGNED, "reportId", "the tenant countersigned " + reportId);
        }
        Instant windowEnd = disputes.windowEnd(recordedAt);
        if (!command.disputedAt().isBefore(windowEnd)) {
            throw new LedgerRejection(DISPUTE_WINDOW_CLOSED, "reportId",
                    "the dispute window of " + reportId + " ended at " + windowEnd);
        }
        apply(new UsageDisputedEvent(marketplaceId, leaseId, reportId, command.reason(), command.disputedAt()));
        return new DisputeResult(reportId, null, command.disputedAt(), null, false);
    }

    /**
     * Resolves a report's dispute: ACCEPT lets it settle; VOID voids it as the void route does, its
     * compensating slice drawn from {@code funds}. The same outcome again answers the first result;
     * another outcome is refused.
     */
    public DisputeResult resolve(ResolveDisputeCommand command, Funds funds) {
        String reportId = command.reportId();
        UsageDisputedEvent disputed = disputes.dispute(reportId);
        if (disputed == null) {
            throw new LedgerRejection(USAGE_NOT_DISPUTED, "reportId", "report " + reportId + " is not disputed");
        }
        UsageDisputeResolvedEvent earlier = disputes.resolution(reportId);
        if (earlier != null) {
            if (earlier.outcome() != command.outcome()) {
                throw new LedgerRejection(DISPUTE_ALREADY_RESOLVED, "outcome",
                        "the dispute of " + reportId + " was resolved " + earlier.outcome() + " at " + earlier.resolvedAt());
            }
            return new DisputeResult(reportId, earlier.outcome(), earlier.resolvedAt(), usage.voidOf(reportId), true);
        }
        apply(new UsageDisputeResolvedEvent(marketplaceId, leaseId, reportId, command.outcome(), command.resolvedAt()));
        Charges slice = command.outcome() == DisputeOutcome.VOID ? voidUsage(new VoidUsageCommand(marketplaceId, leaseId,
                reportId, "dispute: " + disputed.reason()), funds).slice() : null;
        return new DisputeResult(reportId, command.outcome(), command.resolvedAt(), slice, false);
    }

    /** The change in the lease's cumulative charges that a change of its net value by {@code valueChange} makes. */
    private Charges sliceOf(BigInteger valueChange) {
        BigInteger net = usage.netValue();
        return MoneyRule.charges(net.add(valueChange), usage.denominator(), terms.marketplaceFeeBps())
                .minus(MoneyRule.charges(net, usage.denominator(), terms.marketplaceFeeBps()));
    }

    /** A recorded report as reported: its quantity is energy on a lease that takes energy. */
    private UsageReport asReport(UsageBook.RecordedReport report) {
        return tariff.takesEnergy()
                ? UsageReport.ofEnergy(report.reportId(), report.periodStart(), report.periodEnd(), report.quantity())
                : new UsageReport(report.reportId(), report.periodStart(), report.periodEnd(), report.quantity());
    }

    private UsageOutcome decide(UsageReport report, UsageBook.Draft draft, List<RecordedUsage> accepted) {
        LedgerRejection unsigned = UsageSigners.check(signers, report);
        if (unsigned != null) {
            return UsageOutcome.rejected(report.reportId(), unsigned);
        }
        if (report.reportsEnergy() != tariff.takesEnergy()) {
            return UsageOutcome.rejected(report.reportId(), quantityMismatch(report));
        }
        UsageBook.RecordedReport earlier = draft.find(report.reportId());
        if (earlier != null) {
            return earlier.sameBodyAs(report)
                    ? UsageOutcome.duplicate(report.reportId(), earlier.charges())
                    : UsageOutcome.rejected(report.reportId(), new LedgerRejection(USAGE_REPORT_CONFLICT, "reportId",
                            "reportId " + report.reportId() + " was recorded with a different body"));
        }
        LedgerRejection broken = terms.checkUsage(report, closedAt, draft, tariff);
        if (broken != null) {
            return UsageOutcome.rejected(report.reportId(), broken);
        }
        RecordedUsage priced = tariff.price(report);
        BigInteger reportValue = tariff.valueOf(priced);
        BigInteger denominator = usage.denominator();
        Charges before = MoneyRule.charges(draft.netValue(), denominator, terms.marketplaceFeeBps());
        Charges slice = MoneyRule.charges(draft.netValue().add(reportValue), denominator, terms.marketplaceFeeBps())
                .minus(before);
        draft.accept(report, reportValue, slice);
        UsageSignatures signatures = report.signatures();
        accepted.add(new RecordedUsage(report.reportId(), report.periodStart(), report.periodEnd(),
                priced.gpuSeconds(), priced.priceUnitsPerGpuHour(), slice.chargedUnits(), slice.feeUnits(),
                slice.providerUnits(), signatures == null ? null : signatures.signature(),
                signatures == null ? null : signatures.tenantSignature(), priced.energyWh(),
                priced.energyUnitsPerKwh()));
        return UsageOutcome.accepted(report.reportId(), slice);
    }

    private LedgerRejection quantityMismatch(UsageReport report) {
        return report.reportsEnergy()
                ? new LedgerRejection(USAGE_QUANTITY_MISMATCH, "energyWh", "a GPU_HOUR lease takes gpuSeconds, not energyWh")
                : new LedgerRejection(USAGE_QUANTITY_MISMATCH, "gpuSeconds", "a CAPACITY lease takes energyWh, not gpuSeconds");
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
        tariff = Tariff.of(event.pricingOrDefault(), event.startsAt(), event.gpuCount());
        usage.useDenominator(tariff.denominator());
        feeAccruedThrough = tariff instanceof CapacityTariff ? event.startsAt() : null;
        signers = event.meterSigner() == null ? null
                : new UsageSigners(event.meterSigner(), event.tenantSigner(), event.disputeWindowSeconds());
    }

    @EventSourcingHandler
    void on(LeasePriceChangedEvent event) {
        tariff.apply(event);
    }

    @EventSourcingHandler
    void on(CapacityFeeAccruedEvent event) {
        usage.accrueFee(MoneyRule.capacityFeeValue(event.feeValue()));
        feeAccruedThrough = event.accruedThrough();
    }

    @EventSourcingHandler
    void on(LeaseClosedEvent event) {
        closedAt = event.closedAt();
    }

    @EventSourcingHandler
    void on(UsageVoidedEvent event) {
        RecordedUsage voided = new RecordedUsage(event.reportId(), event.periodStart(), event.periodEnd(),
                event.gpuSeconds(), event.priceUnitsPerGpuHour(), null, null, null, null, null, event.energyWh(),
                event.energyUnitsPerKwh());
        usage.recordVoid(event.reportId(), voided.report(), tariff.valueOf(voided),
                new Charges(event.chargedUnits(), event.feeUnits(), event.providerUnits()));
    }

    @EventSourcingHandler
    void on(LeaseAdjustedEvent event) {
        usage.recordAdjustment(event);
    }

    @EventSourcingHandler
    void on(UsageRecordedEvent event) {
        for (RecordedUsage recorded : event.reports()) {
            usage.record(recorded.report(), tariff.valueOf(recorded),
                    new Charges(recorded.chargedUnits(), recorded.feeUnits(), recorded.providerUnits()));
        }
    }
}
