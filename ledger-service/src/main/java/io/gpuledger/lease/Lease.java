package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.CLOSE_BEFORE_RECORDED_USAGE;
import static io.gpuledger.common.RejectionCode.LEASE_CLOSED;
import static io.gpuledger.common.RejectionCode.LEASE_NOT_STARTED;
import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_BEFORE_RECORDED_USAGE;
import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_OUT_OF_ORDER;
import static io.gpuledger.common.RejectionCode.USAGE_REPORT_CONFLICT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.gpuledger.account.Funds;
import io.gpuledger.account.api.TenantAccountKey;
import io.gpuledger.common.Charges;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.MoneyRule;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
import io.gpuledger.lease.api.CloseLeaseCommand;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageOutcome;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
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
    private PriceSchedule prices;
    private Instant closedAt;
    private final UsageBook usage = new UsageBook();

    protected Lease() {
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
        Charges before = MoneyRule.charges(draft.usageValue(), terms.marketplaceFeeBps());
        Charges slice = MoneyRule.charges(draft.usageValue().add(reportValue), terms.marketplaceFeeBps()).minus(before);
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
    void on(UsageRecordedEvent event) {
        for (RecordedUsage recorded : event.reports()) {
            usage.record(recorded.report(), MoneyRule.usageValue(recorded.gpuSeconds(), recorded.priceUnitsPerGpuHour()),
                    new Charges(recorded.chargedUnits(), recorded.feeUnits(), recorded.providerUnits()));
        }
    }
}
