package io.gpuledger.events;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.HeldCharge;
import io.gpuledger.account.api.HeldChargesReleasedEvent;
import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.AdjustmentReason;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.DisputeOutcome;
import io.gpuledger.lease.api.UsageDisputeResolvedEvent;
import io.gpuledger.lease.api.UsageDisputedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.CapacityFeeAccruedEvent;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.DowntimeReportedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.Sla;
import io.gpuledger.lease.api.SlaCreditTier;
import io.gpuledger.lease.api.SlaWindowClosedEvent;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.settlement.api.CapacityCharges;
import io.gpuledger.settlement.api.Carried;
import io.gpuledger.settlement.api.EpochAnchorRequestedEvent;
import io.gpuledger.settlement.api.EpochAnchoredEvent;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.api.EpochFundedEvent;
import io.gpuledger.settlement.api.EscrowAccount;
import io.gpuledger.settlement.api.WithheldUsage;
import io.gpuledger.settlement.api.WithheldUsage.WithholdReason;
import io.gpuledger.settlement.api.EpochPaidEvent;
import io.gpuledger.settlement.api.EpochStepFailedEvent;
import io.gpuledger.settlement.api.EpochStepRetriedEvent;
import io.gpuledger.settlement.api.Step;
import io.gpuledger.settlement.api.StepOutcome;
import io.gpuledger.settlement.api.FundingMode;
import io.gpuledger.settlement.api.Payout;
import io.gpuledger.settlement.api.PayoutBatchConfirmedEvent;
import io.gpuledger.settlement.api.PayoutBatchSubmittedEvent;
import io.gpuledger.settlement.api.PayoutClaimedEvent;
import io.gpuledger.settlement.api.PayoutPushStartedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.settlement.api.PoolBasis;
import io.gpuledger.settlement.api.PoolShare;
import io.gpuledger.settlement.api.PoolWeight;
import io.gpuledger.settlement.api.RewardPoolPostedEvent;
import io.gpuledger.settlement.api.RewardPoolsSettledEvent;
import io.gpuledger.settlement.api.SettledPool;
import io.gpuledger.settlement.api.WaitingPool;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of every event type, each field set to a value the ledger could store (none left at
 * its default, so that no field's form goes unseen). One lease's life and one epoch's settlement, in
 * token units of 6 decimals; the stored form of each is pinned in {@code stored-events/}.
 */
final class StoredEventSamples {

    static final String MARKETPLACE = "mkt-northwind";
    static final String LEASE = "lease-h100-0419";
    static final String TENANT = "tenant-aurora-ml";

    private static final BigInteger PRICE = BigInteger.valueOf(2_450_000);
    private static final String PROVIDER_A = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final String PROVIDER_B = "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb";
    private static final String PROVIDER_C = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";
    private static final String PROVIDER_D = "0x52908400098527886E0F7030069857D2E4169EE7";
    private static final long EPOCH = 7;
    private static final Payout PAYOUT_A = new Payout(PROVIDER_A, BigInteger.valueOf(28_338_163));
    private static final Payout PAYOUT_B = new Payout(PROVIDER_B, BigInteger.valueOf(151_204_500));
    private static final Payout PAYOUT_C = new Payout(PROVIDER_C, BigInteger.valueOf(7_650_000));
    private static final List<Payout> PAYOUTS = List.of(PAYOUT_A, PAYOUT_B, PAYOUT_C);
    private static final BigInteger TOTAL = BigInteger.valueOf(187_192_663);
    private static final String PAYOUT_ROOT = "0xf11f2ce4002f959d321fc49470cc45234a2ab875d9e4859b7d661e7003380657";
    private static final String EVENTS_ROOT = "0xf7fbd959bec904b0ebe815c145266144e31fb4c013b24ff196b27f89b310bc60";

    static final String METER_SIGNATURE = "0xf27d9dfc0d1d6cd4b940ff8b8b73e4eb8d9620adaff68a24bf0d85ab613ea79a73115b962c98c701e5bb6c84d010e51c9268efb991e7f2410f8f50ed0ad8e51d1c";
    static final String TENANT_SIGNATURE = "0x971822b7b4682549c031faaa2a6e51e07827e51193c7492653e753c90c32f0583bcf55c2c5c5e0cb66ac273cee669958633f69b9670deab21798178e87c8f3d81c";

    /**
     * Two reports of 8 GPUs, the second one's slices the rest of the cumulative charges (3.5% fee); the
     * first signed by the meter and countersigned by the tenant, the second signed by the meter alone.
     */
    static final UsageRecordedEvent USAGE_RECORDED = new UsageRecordedEvent(MARKETPLACE, LEASE, List.of(
            new RecordedUsage("meter-eu7-000183", Instant.parse("2026-11-03T10:00:00Z"),
                    Instant.parse("2026-11-03T11:00:00Z"), 28_800, PRICE, BigInteger.valueOf(19_600_000),
                    BigInteger.valueOf(686_000), BigInteger.valueOf(18_914_000), METER_SIGNATURE, TENANT_SIGNATURE),
            new RecordedUsage("meter-eu7-000184", Instant.parse("2026-11-03T11:00:00Z"),
                    Instant.parse("2026-11-03T11:30:00.500Z"), 14_350, PRICE, BigInteger.valueOf(9_765_972),
                    BigInteger.valueOf(341_809), BigInteger.valueOf(9_424_163), METER_SIGNATURE, null)));

    static final String SITE = "site-tx-0007";
    private static final CapacityPricing SITE_PRICING = new CapacityPricing(20_000, BigInteger.valueOf(45_000_000),
            BigInteger.valueOf(80_000));

    /**
     * A capacity lease's forms of the events GPU-hour leases store without its fields: 20,000 kW, a fee of
     * 45,000,000 units per hour and energy at 80,000 per kWh, 3.5% fee; 26 hours of fee accrued, and
     * 12,500 kWh over an hour charged 1,000,000,000. Pinned as {@code <Event>.capacity.json}.
     */
    static final Map<String, Record> CAPACITY_FORMS = new LinkedHashMap<>();

    static {
        CAPACITY_FORMS.put("LeaseOpenedEvent.capacity.json", new LeaseOpenedEvent(MARKETPLACE, SITE,
                "prov-permian-2", PROVIDER_B, "tenant-aurora-ml", "GB200-NVL72", 72, null, 350,
                Instant.parse("2026-11-02T08:00:00Z"), null, Billing.POSTPAID, null, null, null, SITE_PRICING, null));
        CAPACITY_FORMS.put("LeasePriceChangedEvent.capacity.json", new LeasePriceChangedEvent(MARKETPLACE, SITE,
                null, Instant.parse("2026-11-16T00:00:00Z"), BigInteger.valueOf(45_000_000), BigInteger.valueOf(72_500)));
        CAPACITY_FORMS.put("UsageRecordedEvent.capacity.json", new UsageRecordedEvent(MARKETPLACE, SITE, List.of(
                new RecordedUsage("pdu-7-000311", Instant.parse("2026-11-03T10:00:00Z"),
                        Instant.parse("2026-11-03T11:00:00Z"), 0, null, BigInteger.valueOf(1_000_000_000),
                        BigInteger.valueOf(35_000_000), BigInteger.valueOf(965_000_000), null, null, 12_500_000L,
                        BigInteger.valueOf(80_000)))));
        CAPACITY_FORMS.put("UsageVoidedEvent.capacity.json", new UsageVoidedEvent(MARKETPLACE, SITE, "pdu-7-000311",
                "the PDU counted twice", Instant.parse("2026-11-03T10:00:00Z"), Instant.parse("2026-11-03T11:00:00Z"),
                0, null, BigInteger.valueOf(-1_000_000_000), BigInteger.valueOf(-35_000_000),
                BigInteger.valueOf(-965_000_000), 12_500_000L, BigInteger.valueOf(80_000)));
        CAPACITY_FORMS.put("EpochClosedEvent.capacity.json", new EpochClosedEvent(EPOCH, 48_210, 51_377, 3_167, PAYOUTS,
                TOTAL, PAYOUT_ROOT, EVENTS_ROOT, List.of(new Carried(PROVIDER_D, BigInteger.valueOf(-1_250_000))),
                List.of(new EscrowAccount(MARKETPLACE, TENANT, BigInteger.valueOf(3_200_000), BigInteger.ZERO)),
                BigInteger.valueOf(16_800_000),
                List.of(new WithheldUsage(MARKETPLACE, LEASE, "meter-eu7-000185", WithholdReason.DISPUTED,
                        BigInteger.valueOf(9_424_163), Instant.parse("2026-11-04T11:00:00.125Z"))),
                List.of(new WithheldUsage(MARKETPLACE, LEASE, "meter-eu7-000183", WithholdReason.IN_DISPUTE_WINDOW,
                        BigInteger.valueOf(18_914_000), Instant.parse("2026-11-04T10:00:00Z"))),
                new CapacityCharges(BigInteger.valueOf(1_170_000_000), BigInteger.valueOf(1_129_050_000),
                        BigInteger.valueOf(1_000_000_000), BigInteger.valueOf(965_000_000))));
    }

    static final List<Record> ALL = List.of(
            new LeaseOpenedEvent(MARKETPLACE, LEASE, "prov-lambda-eu-7", PROVIDER_A, "tenant-aurora-ml",
                    "H100-SXM5-80GB", 8, PRICE, 350, Instant.parse("2026-11-02T08:00:00Z"),
                    Instant.parse("2026-12-02T08:00:00Z"), Billing.PREPAID, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                    "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 86_400L, null, new Sla(9990, List.of(
                            new SlaCreditTier(9990, 1000), new SlaCreditTier(9900, 3000)))),
            new DowntimeReportedEvent(MARKETPLACE, LEASE, "noc-incident-2211", Instant.parse("2026-11-30T22:00:00Z"),
                    Instant.parse("2026-12-01T02:00:00Z")),
            new SlaWindowClosedEvent(MARKETPLACE, LEASE, "2026-11", Instant.parse("2026-11-02T08:00:00Z"),
                    Instant.parse("2026-12-01T00:00:00Z"), 2_476_800, 7200, 9970, 1000, BigInteger.valueOf(19_600_000),
                    BigInteger.valueOf(1_960_000)),
            new LeasePriceChangedEvent(MARKETPLACE, LEASE, BigInteger.valueOf(2_200_000),
                    Instant.parse("2026-11-16T00:00:00Z")),
            USAGE_RECORDED,
            new UsageVoidedEvent(MARKETPLACE, LEASE, "meter-eu7-000184", "meter double-counted a restart",
                    Instant.parse("2026-11-03T11:00:00Z"), Instant.parse("2026-11-03T11:30:00.500Z"), 14_350, PRICE,
                    BigInteger.valueOf(-9_765_972), BigInteger.valueOf(-341_809), BigInteger.valueOf(-9_424_163)),
            new LeaseAdjustedEvent(MARKETPLACE, LEASE, "credit-2026-11-0007", AdjustmentKind.CREDIT,
                    BigInteger.valueOf(1_000_000), AdjustmentReason.GOODWILL, BigInteger.valueOf(-1_000_000),
                    BigInteger.valueOf(-35_000), BigInteger.valueOf(-965_000)),
            new CapacityFeeAccruedEvent(MARKETPLACE, SITE, Instant.parse("2026-11-02T08:00:00Z"),
                    Instant.parse("2026-11-03T10:00:00Z"), BigInteger.valueOf(4_212_000_000_000L),
                    BigInteger.valueOf(1_170_000_000), BigInteger.valueOf(40_950_000), BigInteger.valueOf(1_129_050_000)),
            new LeaseClosedEvent(MARKETPLACE, LEASE, CloseReason.SLA_BREACH, Instant.parse("2026-11-20T14:45:30.250Z")),
            new UsageDisputedEvent(MARKETPLACE, LEASE, "meter-eu7-000184", "the meter counted a restart twice",
                    Instant.parse("2026-11-03T12:10:05.125Z")),
            new UsageDisputeResolvedEvent(MARKETPLACE, LEASE, "meter-eu7-000184", DisputeOutcome.VOID,
                    Instant.parse("2026-11-03T15:00:00Z")),
            new EpochClosedEvent(EPOCH, 48_210, 51_377, 3_167, PAYOUTS, TOTAL, PAYOUT_ROOT, EVENTS_ROOT,
                    List.of(new Carried(PROVIDER_D, BigInteger.valueOf(-1_250_000))),
                    List.of(new EscrowAccount(MARKETPLACE, TENANT, BigInteger.valueOf(3_200_000), BigInteger.ZERO)),
                    BigInteger.valueOf(16_800_000),
                    List.of(new WithheldUsage(MARKETPLACE, LEASE, "meter-eu7-000185", WithholdReason.DISPUTED,
                            BigInteger.valueOf(9_424_163), Instant.parse("2026-11-04T11:00:00.125Z"))),
                    List.of(new WithheldUsage(MARKETPLACE, LEASE, "meter-eu7-000183", WithholdReason.IN_DISPUTE_WINDOW,
                            BigInteger.valueOf(18_914_000), Instant.parse("2026-11-04T10:00:00Z")))),
            new EpochAnchorRequestedEvent(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, PAYOUTS),
            new EpochAnchoredEvent(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, "anchor-epoch-7",
                    "0x35d9a2656aed6bb4531e0955ee9e874d880fbfb6546c743cac20a9ce982b3c49", 19_384_112),
            new EpochStepFailedEvent(EPOCH, Step.FUND, 1, "fund-epoch-7", StepOutcome.REVERTED,
                    "ERC20: transfer amount exceeds balance",
                    "0x0d5b3e1f8a24c1b7e3f9a6d2c8b4e0f1a3c5d7e9b2f4a6c8e0d2b4f6a8c0e2d4"),
            new EpochStepRetriedEvent(EPOCH, Step.FUND, 2, "fund-epoch-7-attempt-2"),
            new EpochFundedEvent(EPOCH, FundingMode.TRANSFER, TOTAL, "fund-epoch-7-attempt-2",
                    "0x1c4779f68f62265fc82d0879bd35a3de3dad911eac0e29c7371ac9b32a25a9f4", 19_384_127,
                    BigInteger.valueOf(16_800_000), "0x7d2c1f0e9a4b3c6d5e8f7a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d"),
            new PayoutPushStartedEvent(EPOCH, 2, 2),
            new PayoutBatchSubmittedEvent(EPOCH, 1, "push-epoch-7-batch-1", List.of(PROVIDER_A, PROVIDER_B)),
            new PayoutBatchConfirmedEvent(EPOCH, 1, "push-epoch-7-batch-1",
                    "0x32d272d99b577f9469094c7819180f45a94075e932784e4808418f7d3ae433d5", 19_384_135,
                    List.of(PAYOUT_A, PAYOUT_B)),
            new PayoutClaimedEvent(EPOCH, PROVIDER_C, PAYOUT_C.amountUnits(),
                    "0xc2c7dd5854f361feb6298148b32758c57d268c01ba3616cd80eb605793efc195", 19_384_141),
            new EpochPaidEvent(EPOCH, 3, TOTAL),
            new RewardPoolPostedEvent("subnet-9-tempo-4411", BigInteger.valueOf(1_000_000), PoolBasis.WEIGHTS, List.of(
                    new PoolWeight(PROVIDER_A, BigInteger.valueOf(3)), new PoolWeight(PROVIDER_B, BigInteger.ZERO),
                    new PoolWeight(PROVIDER_C, new BigInteger("123456789012345678901234567890")))),
            new RewardPoolsSettledEvent(EPOCH, List.of(
                    new SettledPool("subnet-9-tempo-4411", PoolBasis.WEIGHTS, BigInteger.valueOf(1_000_000), List.of(
                            new PoolShare(PROVIDER_C, BigInteger.valueOf(1_000_000)))),
                    new SettledPool("render-week-48", PoolBasis.GPU_SECONDS, BigInteger.valueOf(7), List.of(
                            new PoolShare(PROVIDER_A, BigInteger.valueOf(2)), new PoolShare(PROVIDER_B, BigInteger.valueOf(5))))),
                    List.of(new WaitingPool("render-week-49", BigInteger.valueOf(2_500_000)))),
            new DepositRecordedEvent(MARKETPLACE, TENANT, "wire-2026-11-0042", FundingKind.DEPOSIT,
                    BigInteger.valueOf(25_000_000)),
            new TenantChargedEvent(MARKETPLACE, TENANT, List.of(
                    new LeaseCharge(LEASE, BigInteger.valueOf(19_600_000), BigInteger.valueOf(686_000),
                            BigInteger.valueOf(18_914_000), false),
                    new LeaseCharge(LEASE, BigInteger.valueOf(9_765_972), BigInteger.valueOf(341_809),
                            BigInteger.valueOf(9_424_163), true))),
            new HeldChargesReleasedEvent(MARKETPLACE, TENANT, List.of(new HeldCharge(LEASE,
                    BigInteger.valueOf(9_765_972), BigInteger.valueOf(341_809), BigInteger.valueOf(9_424_163)))));

    private StoredEventSamples() {
    }
}
