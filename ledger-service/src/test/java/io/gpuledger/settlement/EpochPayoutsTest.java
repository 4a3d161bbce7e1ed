package io.gpuledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.settlement.api.Carried;
import io.gpuledger.settlement.api.Payout;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** payout = max(0, carried + change), carried' = min(0, carried + change), per address. */
class EpochPayoutsTest {

    private static final String A = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final String B = "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb";

    @Test
    void paysEachAddressItsChangeWhenNothingIsCarried() {
        EpochPayouts epoch = EpochPayouts.of(Map.of(A, units(700), B, units(300)), List.of());

        assertThat(epoch.payouts()).containsExactly(new Payout(A, units(700)), new Payout(B, units(300)));
        assertThat(epoch.carried()).isEmpty();
    }

    @Test
    void carriesANegativeChangeInsteadOfPayingIt() {
        EpochPayouts epoch = EpochPayouts.of(Map.of(A, units(-554), B, units(300)), List.of());

        assertThat(epoch.payouts()).containsExactly(new Payout(B, units(300)));
        assertThat(epoch.carried()).containsExactly(new Carried(A, units(-554)));
    }

    @Test
    void netsWhatIsCarriedAgainstWhatTheAddressEarnsNext() {
        EpochPayouts epoch = EpochPayouts.of(Map.of(A, units(1_000)), List.of(new Carried(A, units(-554))));

        assertThat(epoch.payouts()).containsExactly(new Payout(A, units(446)));
        assertThat(epoch.carried()).isEmpty();
    }

    @Test
    void keepsCarryingWhatTheNextEarningsDoNotCover() {
        EpochPayouts epoch = EpochPayouts.of(Map.of(A, units(500)), List.of(new Carried(A, units(-554))));

        assertThat(epoch.payouts()).isEmpty();
        assertThat(epoch.carried()).containsExactly(new Carried(A, units(-54)));
    }

    @Test
    void keepsCarryingForAnAddressThatEarnedNothing() {
        EpochPayouts epoch = EpochPayouts.of(Map.of(B, units(10)), List.of(new Carried(A, units(-554))));

        assertThat(epoch.payouts()).containsExactly(new Payout(B, units(10)));
        assertThat(epoch.carried()).containsExactly(new Carried(A, units(-554)));
    }

    @Test
    void paysNothingAndCarriesNothingWhenTheyCancelExactly() {
        EpochPayouts epoch = EpochPayouts.of(Map.of(A, units(554)), List.of(new Carried(A, units(-554))));

        assertThat(epoch.payouts()).isEmpty();
        assertThat(epoch.carried()).isEmpty();
    }

    private static BigInteger units(long units) {
        return BigInteger.valueOf(units);
    }
}
