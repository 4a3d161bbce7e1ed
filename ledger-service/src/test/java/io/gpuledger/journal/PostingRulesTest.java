package io.gpuledger.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.HeldCharge;
import io.gpuledger.account.api.HeldChargesReleasedEvent;
import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.AdjustmentReason;
import io.gpuledger.lease.api.CapacityFeeAccruedEvent;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.settlement.api.EpochFundedEvent;
import io.gpuledger.settlement.api.FundingMode;
import io.gpuledger.settlement.api.Payout;
import io.gpuledger.settlement.api.PayoutBatchConfirmedEvent;
import io.gpuledger.settlement.api.PayoutClaimedEvent;
import io.gpuledger.settlement.api.PoolBasis;
import io.gpuledger.settlement.api.PoolShare;
import io.gpuledger.settlement.api.RewardPoolsSettledEvent;
import io.gpuledger.settlement.api.SettledPool;
import io.gpuledger.settlement.api.WaitingPool;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per posting rule of docs/MONEY.md, "The journal"; every event's entries sum to zero. */
class PostingRulesTest {

    private static final String MKT = "mkt-a";
    private static final String POSTPAID_ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final String PREPAID_ADDRESS = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
    private static final Map<String, JournalLease> LEASES = Map.of(
            "post-1", new JournalLease(Billing.POSTPAID, POSTPAID_ADDRESS),
            "pre-1", new JournalLease(Billing.PREPAID, PREPAID_ADDRESS));
    private static final JournalLease.Directory DIRECTORY = (marketplaceId, leaseId) -> LEASES.get(leaseId);

    @Test
    void aDepositPaidToTheMarketplaceComesFromItsDeposits() {
        List<Posting> postings = post(new DepositRecordedEvent(MKT, "t-1", "wire-0001", FundingKind.DEPOSIT,
                units(10_000_000)));

        assertThat(postings).containsExactly(
                posting("tenant:mkt-a/t-1", AccountKind.TENANT, 10_000_000),
                posting("deposits:mkt-a", AccountKind.DEPOSITS, -10_000_000));
    }

    @Test
    void aDepositIntoTheEscrowOnChainComesFromTheEscrow() {
        List<Posting> postings = post(new DepositRecordedEvent(MKT, "t-1", "chain:0xabc:3", FundingKind.DEPOSIT,
                units(5_000_000)));

        assertThat(postings).containsExactly(
                posting("tenant:mkt-a/t-1", AccountKind.TENANT, 5_000_000),
                posting("escrow", AccountKind.ESCROW, -5_000_000));
    }

    @Test
    void aCreditIsFundedByTheMarketplacesFees() {
        List<Posting> postings = post(new DepositRecordedEvent(MKT, "t-1", "chain:grant", FundingKind.CREDIT,
                units(250_000)));

        assertThat(postings).containsExactly(
                posting("tenant:mkt-a/t-1", AccountKind.TENANT, 250_000),
                posting("fees:mkt-a", AccountKind.FEES, -250_000));
    }

    @Test
    void postpaidUsageIsOwedByTheTreasuryToTheFeesAndTheProviderSummedOverItsReports() {
        List<Posting> postings = post(new UsageRecordedEvent(MKT, "post-1", List.of(
                report("r-1", 16_800_000, 840_000, 15_960_000), report("r-2", 583, 29, 554))));

        assertThat(postings).containsExactly(
                posting("treasury", AccountKind.TREASURY, -16_800_583),
                posting("fees:mkt-a", AccountKind.FEES, 840_029),
                posting("payable:" + POSTPAID_ADDRESS, AccountKind.PAYABLE, 15_960_554));
    }

    @Test
    void prepaidUsagePostsNothingOfItsOwn() {
        assertThat(post(new UsageRecordedEvent(MKT, "pre-1", List.of(report("r-1", 16_800_000, 840_000, 15_960_000)))))
                .isEmpty();
    }

    @Test
    void aVoidOnAPostpaidLeaseGivesItsSliceBackToTheTreasury() {
        List<Posting> postings = post(new UsageVoidedEvent(MKT, "post-1", "r-1", "metered twice",
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T01:00:00Z"), 28_800,
                units(2_100_000), units(-16_800_000), units(-840_000), units(-15_960_000)));

        assertThat(postings).containsExactly(
                posting("treasury", AccountKind.TREASURY, 16_800_000),
                posting("fees:mkt-a", AccountKind.FEES, -840_000),
                posting("payable:" + POSTPAID_ADDRESS, AccountKind.PAYABLE, -15_960_000));
    }

    @Test
    void aDebitOnAPostpaidLeaseIsOwedByTheTreasuryLikeUsage() {
        List<Posting> postings = post(new LeaseAdjustedEvent(MKT, "post-1", "a-1", AdjustmentKind.DEBIT,
                units(500_000), AdjustmentReason.USAGE_CORRECTION, units(500_000), units(25_000), units(475_000)));

        assertThat(postings).containsExactly(
                posting("treasury", AccountKind.TREASURY, -500_000),
                posting("fees:mkt-a", AccountKind.FEES, 25_000),
                posting("payable:" + POSTPAID_ADDRESS, AccountKind.PAYABLE, 475_000));
    }

    @Test
    void aCapacityFeeOfAPostpaidLeaseIsOwedByTheTreasuryLikeUsage() {
        List<Posting> postings = post(new CapacityFeeAccruedEvent(MKT, "post-1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T02:00:00Z"), units(7_200_000_000L), units(2_000_000), units(100_000),
                units(1_900_000)));

        assertThat(postings).containsExactly(
                posting("treasury", AccountKind.TREASURY, -2_000_000),
                posting("fees:mkt-a", AccountKind.FEES, 100_000),
                posting("payable:" + POSTPAID_ADDRESS, AccountKind.PAYABLE, 1_900_000));
    }

    @Test
    void aCapacityFeeOfAPrepaidLeasePostsNothingOfItsOwn() {
        assertThat(post(new CapacityFeeAccruedEvent(MKT, "pre-1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T02:00:00Z"), units(7_200_000_000L), units(2_000_000), units(100_000),
                units(1_900_000)))).isEmpty();
    }

    @Test
    void aCorrectionOfAPrepaidLeasePostsNothingOfItsOwn() {
        assertThat(post(new LeaseAdjustedEvent(MKT, "pre-1", "a-1", AdjustmentKind.CREDIT, units(1_000),
                AdjustmentReason.GOODWILL, units(-1_000), units(-50), units(-950)))).isEmpty();
    }

    @Test
    void aChargeNotHeldMovesTheTenantsUnitsToTheFeesAndTheLeasesProvider() {
        List<Posting> postings = post(new TenantChargedEvent(MKT, "t-1", List.of(
                new LeaseCharge("pre-1", units(8_400_000), units(420_000), units(7_980_000), false))));

        assertThat(postings).containsExactly(
                posting("tenant:mkt-a/t-1", AccountKind.TENANT, -8_400_000),
                posting("fees:mkt-a", AccountKind.FEES, 420_000),
                posting("payable:" + PREPAID_ADDRESS, AccountKind.PAYABLE, 7_980_000));
    }

    @Test
    void aHeldChargeMovesTheTenantsUnitsToItsHeldAccount() {
        List<Posting> postings = post(new TenantChargedEvent(MKT, "t-1", List.of(
                new LeaseCharge("pre-1", units(16_800_000), units(840_000), units(15_960_000), true))));

        assertThat(postings).containsExactly(
                posting("tenant:mkt-a/t-1", AccountKind.TENANT, -16_800_000),
                posting("held:mkt-a/t-1", AccountKind.HELD, 16_800_000));
    }

    @Test
    void aReleasedChargeMovesItsUnitsFromHeldToTheFeesAndTheLeasesProvider() {
        List<Posting> postings = post(new HeldChargesReleasedEvent(MKT, "t-1", List.of(
                new HeldCharge("pre-1", units(16_800_000), units(840_000), units(15_960_000)))));

        assertThat(postings).containsExactly(
                posting("held:mkt-a/t-1", AccountKind.HELD, -16_800_000),
                posting("fees:mkt-a", AccountKind.FEES, 840_000),
                posting("payable:" + PREPAID_ADDRESS, AccountKind.PAYABLE, 15_960_000));
    }

    @Test
    void aConfirmedBatchPaysWhatItsLogsPaidFromEachAccountsPayable() {
        List<Posting> postings = post(new PayoutBatchConfirmedEvent(1, 1, "push-epoch-1-batch-1", "0xtx", 12,
                List.of(new Payout(POSTPAID_ADDRESS, units(15_960_554)), new Payout(PREPAID_ADDRESS, units(15_960_000)))));

        assertThat(postings).containsExactly(
                posting("payable:" + POSTPAID_ADDRESS, AccountKind.PAYABLE, -15_960_554),
                posting("paid", AccountKind.PAID, 31_920_554),
                posting("payable:" + PREPAID_ADDRESS, AccountKind.PAYABLE, -15_960_000));
    }

    @Test
    void aClaimPaysItsAmountFromTheAccountsPayable() {
        List<Posting> postings = post(new PayoutClaimedEvent(2, PREPAID_ADDRESS, units(7_980_000), "0xtx", 40));

        assertThat(postings).containsExactly(
                posting("payable:" + PREPAID_ADDRESS, AccountKind.PAYABLE, -7_980_000),
                posting("paid", AccountKind.PAID, 7_980_000));
    }

    @Test
    void anEscrowReleaseMovesItsUnitsFromTheEscrowToTheTreasuryThatFundsTheEpoch() {
        List<Posting> postings = post(new EpochFundedEvent(4, FundingMode.TRANSFER, units(31_920_554),
                "fund-epoch-4", "0xfund", 30, units(16_800_000), "0xrelease"));

        assertThat(postings).containsExactly(
                posting("escrow", AccountKind.ESCROW, 16_800_000),
                posting("treasury", AccountKind.TREASURY, -16_800_000));
    }

    @Test
    void aRewardPoolIsFundedFromTheTreasuryAndItsSharesArePayableToTheirAccounts() {
        List<Posting> postings = post(new RewardPoolsSettledEvent(6, List.of(
                new SettledPool("tempo-1", PoolBasis.WEIGHTS, units(1_000), List.of(
                        new PoolShare(POSTPAID_ADDRESS, units(667)), new PoolShare(PREPAID_ADDRESS, units(333)))),
                new SettledPool("tempo-2", PoolBasis.GPU_SECONDS, units(10), List.of(
                        new PoolShare(POSTPAID_ADDRESS, units(10))))),
                List.of(new WaitingPool("tempo-3", units(500)))));

        assertThat(postings).containsExactly(
                posting("treasury", AccountKind.TREASURY, -1_010),
                posting("payable:" + POSTPAID_ADDRESS, AccountKind.PAYABLE, 677),
                posting("payable:" + PREPAID_ADDRESS, AccountKind.PAYABLE, 333));
    }

    @Test
    void aFundingWithoutAnEscrowReleasePostsNothing() {
        assertThat(post(new EpochFundedEvent(5, FundingMode.MINT, units(554), "fund-epoch-5", "0xfund", 31,
                units(0), null))).isEmpty();
        assertThat(post(new EpochFundedEvent(1, FundingMode.MINT, units(554), "fund-epoch-1", "0xfund", 9,
                null, null))).as("an epoch funded before the escrow funded payouts").isEmpty();
    }

    @Test
    void entriesOfZeroAreLeftOut() {
        List<Posting> postings = post(new UsageRecordedEvent(MKT, "post-1", List.of(report("r-1", 0, 0, 0))));
        List<Posting> feeFree = post(new TenantChargedEvent(MKT, "t-1", List.of(
                new LeaseCharge("pre-1", units(100), units(0), units(100), false))));

        assertThat(postings).isEmpty();
        assertThat(feeFree).extracting(p -> p.account().name())
                .containsExactly("tenant:mkt-a/t-1", "payable:" + PREPAID_ADDRESS);
    }

    @Test
    void anEventThatMovesNoMoneyPostsNothing() {
        assertThat(post(new LeaseOpenedEvent(MKT, "post-1", "prov-7", POSTPAID_ADDRESS, "t-1", "H100", 8,
                units(2_100_000), 500, Instant.parse("2026-11-01T00:00:00Z"), null, null))).isEmpty();
    }

    private static List<Posting> post(Object event) {
        List<Posting> postings = PostingRules.postingsOf(event, DIRECTORY);
        assertThat(postings.stream().map(Posting::amountUnits).reduce(BigInteger.ZERO, BigInteger::add))
                .as("the entries of %s sum to zero", event).isZero();
        return postings;
    }

    private static RecordedUsage report(String reportId, long charged, long fee, long provider) {
        return new RecordedUsage(reportId, Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T01:00:00Z"),
                28_800, units(2_100_000), units(charged), units(fee), units(provider));
    }

    private static Posting posting(String account, AccountKind kind, long units) {
        return new Posting(new JournalAccount(account, kind), units(units));
    }

    private static BigInteger units(long units) {
        return BigInteger.valueOf(units);
    }
}
