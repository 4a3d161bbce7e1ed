package io.gpuledger.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.contracts.generated.SettlementAnchor;
import io.gpuledger.support.Anvil;
import io.gpuledger.support.PayoutEpoch;
import io.gpuledger.support.SettlementContracts;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;

class SettlementAnchorIT {

    private static final AtomicLong EPOCHS = new AtomicLong(1);
    private static final byte[] EVENTS_ROOT = new byte[32];

    private static Anvil anvil;
    private static SettlementContracts chain;

    @BeforeAll
    static void deploy() {
        anvil = Anvil.start();
        chain = SettlementContracts.deploy(anvil);
        EVENTS_ROOT[31] = 7;
    }

    @AfterAll
    static void stop() {
        anvil.close();
    }

    @Test
    void anchorsAnEpochAndKeepsItsRootAndTotal() throws Exception {
        PayoutEpoch epoch = PayoutEpoch.random(EPOCHS.getAndIncrement(), 3);

        TransactionReceipt receipt = chain.anchor().anchorEpoch(epoch.epochNumber(), epoch.payoutRoot(), EVENTS_ROOT, epoch.totalUnits()).send();

        Tuple3<byte[], BigInteger, BigInteger> stored = chain.anchor().epochs(epoch.epochNumber()).send();
        assertThat(stored.component1()).isEqualTo(epoch.payoutRoot());
        assertThat(stored.component2()).isEqualTo(epoch.totalUnits());
        assertThat(stored.component3()).isPositive();
        assertThat(chain.anchor().isAnchored(epoch.epochNumber()).send()).isTrue();
        List<SettlementAnchor.EpochAnchoredEventResponse> events = SettlementAnchor.getEpochAnchoredEvents(receipt);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.epoch).isEqualTo(epoch.epochNumber());
            assertThat(event.payoutRoot).isEqualTo(epoch.payoutRoot());
            assertThat(event.eventsRoot).isEqualTo(EVENTS_ROOT);
            assertThat(event.totalUnits).isEqualTo(epoch.totalUnits());
        });
    }

    @Test
    void cannotAnchorAnEpochTwice() throws Exception {
        PayoutEpoch epoch = PayoutEpoch.random(EPOCHS.getAndIncrement(), 2);
        chain.anchor().anchorEpoch(epoch.epochNumber(), epoch.payoutRoot(), EVENTS_ROOT, epoch.totalUnits()).send();
        PayoutEpoch other = PayoutEpoch.random(epoch.epoch(), 2);

        String error = chain.revertOf(chain.operator(), chain.anchor(),
                chain.anchor().anchorEpoch(other.epochNumber(), other.payoutRoot(), EVENTS_ROOT, other.totalUnits()));

        assertThat(error).isEqualTo("EpochAlreadyAnchored");
        assertThat(chain.anchor().epochs(epoch.epochNumber()).send().component1()).isEqualTo(epoch.payoutRoot());
    }

    @Test
    void nonOperatorsCannotAnchor() throws Exception {
        Credentials stranger = anvil.fundedAccount(1);
        PayoutEpoch epoch = PayoutEpoch.random(EPOCHS.getAndIncrement(), 2);
        SettlementAnchor asStranger = chain.anchorAs(stranger);

        String error = chain.revertOf(stranger, asStranger,
                asStranger.anchorEpoch(epoch.epochNumber(), epoch.payoutRoot(), EVENTS_ROOT, epoch.totalUnits()));

        assertThat(error).isEqualTo("AccessControlUnauthorizedAccount");
        assertThat(chain.anchor().isAnchored(epoch.epochNumber()).send()).isFalse();
    }

    @Test
    void cannotAnchorATotalBeyondNinetySixBits() {
        PayoutEpoch epoch = PayoutEpoch.random(EPOCHS.getAndIncrement(), 1);

        String error = chain.revertOf(chain.operator(), chain.anchor(),
                chain.anchor().anchorEpoch(epoch.epochNumber(), epoch.payoutRoot(), EVENTS_ROOT, BigInteger.ONE.shiftLeft(96)));

        assertThat(error).isEqualTo("TotalUnitsTooLarge");
    }

    @Test
    void anchoringCostsTheSameWhateverTheEpochsSize() throws Exception {
        PayoutEpoch small = PayoutEpoch.random(EPOCHS.getAndIncrement(), 1);
        PayoutEpoch large = PayoutEpoch.random(EPOCHS.getAndIncrement(), 5_000);

        BigInteger smallGas = chain.anchor().anchorEpoch(small.epochNumber(), small.payoutRoot(), EVENTS_ROOT, small.totalUnits()).send().getGasUsed();
        BigInteger largeGas = chain.anchor().anchorEpoch(large.epochNumber(), large.payoutRoot(), EVENTS_ROOT, large.totalUnits()).send().getGasUsed();

        // Only calldata differs (zero bytes in the total and roots cost less than others).
        assertThat(largeGas.subtract(smallGas).abs()).isLessThan(BigInteger.valueOf(500));
        assertThat(largeGas).isLessThan(BigInteger.valueOf(75_000));
    }
}
