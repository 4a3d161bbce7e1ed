package io.gpuledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.HeldCharge;
import io.gpuledger.account.api.HeldChargesReleasedEvent;
import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.settlement.EscrowAccrual.Flow;
import io.gpuledger.settlement.EscrowAccrual.Tenant;
import io.gpuledger.settlement.api.EscrowAccount;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * released = max(0, min(unreleased + deposited, due + payable)) per tenant; unreleased' = available −
 * released; due' = min(0, due − released); nothing released, due carried whole, in an epoch that pays nothing.
 */
class EscrowFundingTest {

    private static final String MKT = "mkt-1";
    private static final Tenant T = new Tenant(MKT, "t-1");
    private static final Tenant U = new Tenant(MKT, "t-2");

    @Test
    void releasesTheChargesOfAnEpochThatTheTenantsDepositsCover() {
        EscrowFunding funding = EscrowFunding.of(Map.of(T, flow(10_000_000, 6_800_000)), List.of(), true);

        assertThat(funding.releasedUnits()).isEqualTo(units(6_800_000));
        assertThat(funding.accounts()).containsExactly(account(T, 3_200_000, 0));
    }

    @Test
    void releasesNoMoreThanTheTenantsUnreleasedDeposits() {
        EscrowFunding funding = EscrowFunding.of(Map.of(T, flow(5_000_000, 16_800_000)), List.of(), true);

        assertThat(funding.releasedUnits()).isEqualTo(units(5_000_000));
        assertThat(funding.accounts()).as("the rest is the treasury's, not carried").isEmpty();
    }

    @Test
    void releasesFromDepositsLeftUnreleasedByEarlierEpochs() {
        EscrowFunding funding = EscrowFunding.of(Map.of(T, flow(0, 2_000_000)),
                List.of(account(T, 3_200_000, 0)), true);

        assertThat(funding.releasedUnits()).isEqualTo(units(2_000_000));
        assertThat(funding.accounts()).containsExactly(account(T, 1_200_000, 0));
    }

    @Test
    void neverReleasesOneTenantsDepositsForAnothersCharges() {
        EscrowFunding funding = EscrowFunding.of(Map.of(T, flow(10_000_000, 0), U, flow(0, 4_000_000)), List.of(), true);

        assertThat(funding.releasedUnits()).isZero();
        assertThat(funding.accounts()).containsExactly(account(T, 10_000_000, 0));
    }

    @Test
    void carriesAGiveBackSoThatUnitsChargedAgainAreNotReleasedTwice() {
        EscrowFunding voided = EscrowFunding.of(Map.of(T, flow(0, -1_000_000)), List.of(account(T, 9_000_000, 0)), true);
        EscrowFunding chargedAgain = EscrowFunding.of(Map.of(T, flow(0, 1_500_000)), voided.accounts(), true);

        assertThat(voided.releasedUnits()).isZero();
        assertThat(voided.accounts()).containsExactly(account(T, 9_000_000, -1_000_000));
        assertThat(chargedAgain.releasedUnits()).isEqualTo(units(500_000));
        assertThat(chargedAgain.accounts()).containsExactly(account(T, 8_500_000, 0));
    }

    @Test
    void releasesNothingAndCarriesTheChargesOutOfAnEpochThatPaysNothing() {
        EscrowFunding paysNothing = EscrowFunding.of(Map.of(T, flow(1_000_000, 400_000)), List.of(), false);
        EscrowFunding next = EscrowFunding.of(Map.of(), paysNothing.accounts(), true);

        assertThat(paysNothing.releasedUnits()).isZero();
        assertThat(paysNothing.accounts()).containsExactly(account(T, 1_000_000, 400_000));
        assertThat(next.releasedUnits()).isEqualTo(units(400_000));
        assertThat(next.accounts()).containsExactly(account(T, 600_000, 0));
    }

    @Test
    void accruesOnChainDepositsAndPayableDrawsButNotHeldOnesOrOffChainDeposits() {
        EscrowAccrual accrual = new EscrowAccrual();
        accrual.add(new DepositRecordedEvent(MKT, "t-1", "chain:0xabc:3", FundingKind.DEPOSIT, units(10_000_000)));
        accrual.add(new DepositRecordedEvent(MKT, "t-1", "wire-1", FundingKind.DEPOSIT, units(7_000_000)));
        accrual.add(new DepositRecordedEvent(MKT, "t-1", "grant-1", FundingKind.CREDIT, units(1_000_000)));
        accrual.add(new TenantChargedEvent(MKT, "t-1", List.of(
                new LeaseCharge("l-1", units(1_000), units(50), units(950), false),
                new LeaseCharge("l-2", units(2_000), units(100), units(1_900), true))));
        accrual.add(new HeldChargesReleasedEvent(MKT, "t-1", List.of(
                new HeldCharge("l-3", units(300), units(15), units(285)))));

        assertThat(accrual.flows()).containsExactly(Map.entry(T, flow(10_000_000, 1_300)));
    }

    private static Flow flow(long deposited, long payable) {
        return new Flow(units(deposited), units(payable));
    }

    private static EscrowAccount account(Tenant tenant, long unreleased, long due) {
        return new EscrowAccount(tenant.marketplaceId(), tenant.tenantId(), units(unreleased), units(due));
    }

    private static BigInteger units(long units) {
        return BigInteger.valueOf(units);
    }
}
