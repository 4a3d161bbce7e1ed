package io.gpuledger.account;

import static io.gpuledger.common.RejectionCode.DEPOSIT_CONFLICT;
import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;
import static io.gpuledger.support.RejectionMatchers.rejected;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.account.api.DepositResult;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.HeldCharge;
import io.gpuledger.account.api.HeldChargesReleasedEvent;
import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.account.api.RecordDepositCommand;
import io.gpuledger.account.api.TenantBalance;
import io.gpuledger.account.api.TenantChargedEvent;
import java.math.BigInteger;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tenant account's rules, one test each: deposits, credits, and the release of held charges. */
class TenantAccountTest {

    private static final String MKT = "mkt-a";
    private static final String TENANT = "tenant-42";

    private FixtureConfiguration<TenantAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TenantAccount.class);
    }

    @Test
    void canRecordAFirstDeposit() {
        fixture.givenNoPriorActivity()
                .when(deposit("d-1", FundingKind.DEPOSIT, 5_000_000))
                .expectEvents(deposited("d-1", FundingKind.DEPOSIT, 5_000_000))
                .expectResultMessagePayload(new DepositResult(false, balance(5_000_000, 0, 0, 0)));
    }

    @Test
    void canRecordACreditApartFromDeposits() {
        fixture.given(deposited("d-1", FundingKind.DEPOSIT, 5_000_000))
                .when(deposit("c-1", FundingKind.CREDIT, 700_000))
                .expectEvents(deposited("c-1", FundingKind.CREDIT, 700_000))
                .expectResultMessagePayload(new DepositResult(false, balance(5_000_000, 700_000, 0, 0)));
    }

    @Test
    void canRecordTheSameDepositAgainWithoutChangingAnything() {
        fixture.given(deposited("d-1", FundingKind.DEPOSIT, 5_000_000))
                .when(deposit("d-1", FundingKind.DEPOSIT, 5_000_000))
                .expectNoEvents()
                .expectResultMessagePayload(new DepositResult(true, balance(5_000_000, 0, 0, 0)));
    }

    @Test
    void cannotRecordADepositIdAgainWithAnotherAmount() {
        fixture.given(deposited("d-1", FundingKind.DEPOSIT, 5_000_000))
                .when(deposit("d-1", FundingKind.DEPOSIT, 5_000_001))
                .expectNoEvents()
                .expectException(rejected(DEPOSIT_CONFLICT));
    }

    @Test
    void cannotRecordADepositIdAgainAsAnotherKind() {
        fixture.given(deposited("d-1", FundingKind.DEPOSIT, 5_000_000))
                .when(deposit("d-1", FundingKind.CREDIT, 5_000_000))
                .expectNoEvents()
                .expectException(rejected(DEPOSIT_CONFLICT));
    }

    @Test
    void cannotRecordADepositOfNothing() {
        fixture.givenNoPriorActivity()
                .when(deposit("d-1", FundingKind.DEPOSIT, 0))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED));
    }

    @Test
    void canReleaseEveryHeldChargeOnceTheBalanceIsBackAtZero() {
        fixture.given(charged(charge("lease-1", 600, false), charge("lease-1", 300, true), charge("lease-2", 200, true)))
                .when(deposit("d-1", FundingKind.DEPOSIT, 1_100))
                .expectEvents(deposited("d-1", FundingKind.DEPOSIT, 1_100),
                        new HeldChargesReleasedEvent(MKT, TENANT, List.of(held("lease-1", 300), held("lease-2", 200))))
                .expectResultMessagePayload(new DepositResult(false, balance(1_100, 0, 1_100, 0)));
    }

    /** Overdrawn by 500 with 300 and 200 held: 300 paid in leaves 200 overdrawn, which the 200 still held covers. */
    @Test
    void canReleaseTheOldestHeldChargesWhileWhatStaysHeldCoversTheOverdrawnAmount() {
        fixture.given(charged(charge("lease-1", 300, true), charge("lease-2", 200, true)))
                .when(deposit("d-1", FundingKind.DEPOSIT, 300))
                .expectEvents(deposited("d-1", FundingKind.DEPOSIT, 300),
                        new HeldChargesReleasedEvent(MKT, TENANT, List.of(held("lease-1", 300))))
                .expectResultMessagePayload(new DepositResult(false, balance(300, 0, 500, 200)));
    }

    @Test
    void cannotReleaseAHeldChargeThatWhatStaysHeldWouldNotCover() {
        fixture.given(charged(charge("lease-1", 300, true), charge("lease-2", 200, true)))
                .when(deposit("d-1", FundingKind.DEPOSIT, 299))
                .expectEvents(deposited("d-1", FundingKind.DEPOSIT, 299))
                .expectResultMessagePayload(new DepositResult(false, balance(299, 0, 500, 500)));
    }

    @Test
    void canReleaseHeldChargesWithACredit() {
        fixture.given(charged(charge("lease-1", 300, true)))
                .when(deposit("c-1", FundingKind.CREDIT, 300))
                .expectEvents(deposited("c-1", FundingKind.CREDIT, 300),
                        new HeldChargesReleasedEvent(MKT, TENANT, List.of(held("lease-1", 300))));
    }

    private static RecordDepositCommand deposit(String id, FundingKind kind, long units) {
        return new RecordDepositCommand(MKT, TENANT, id, kind, BigInteger.valueOf(units));
    }

    private static DepositRecordedEvent deposited(String id, FundingKind kind, long units) {
        return new DepositRecordedEvent(MKT, TENANT, id, kind, BigInteger.valueOf(units));
    }

    private static TenantChargedEvent charged(LeaseCharge... charges) {
        return new TenantChargedEvent(MKT, TENANT, List.of(charges));
    }

    /** A charge with a 10% fee. */
    private static LeaseCharge charge(String leaseId, long charged, boolean held) {
        return new LeaseCharge(leaseId, BigInteger.valueOf(charged), BigInteger.valueOf(charged / 10),
                BigInteger.valueOf(charged - charged / 10), held);
    }

    private static HeldCharge held(String leaseId, long charged) {
        LeaseCharge charge = charge(leaseId, charged, true);
        return new HeldCharge(leaseId, charge.chargedUnits(), charge.feeUnits(), charge.providerUnits());
    }

    private static TenantBalance balance(long deposits, long credits, long charges, long held) {
        return new TenantBalance(BigInteger.valueOf(deposits), BigInteger.valueOf(credits), BigInteger.valueOf(charges),
                BigInteger.valueOf(held));
    }
}
