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
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

class SettlementAnchorIT {

    private static final AtomicLong EPOCHS = new AtomicLong(1);
    private static final byte[] EVENTS_ROOT = new byte[32];
    /** The payout root of an epoch without payouts, and what the view returns when there is none. */
    private static final byte[] ZERO_ROOT = new byte[32];

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
    void anchorsAnEpochAndKeepsItsPayoutRoot() throws Exception {
        PayoutEpoch epoch = PayoutEpoch.random(EPOCHS.getAndIncrement(), 3);

        TransactionReceipt receipt = chain.anchor().anchorEpoch(epoch.epochNumber(), epoch.payoutRoot(), EVENTS_ROOT, epoch.totalUnits()).send();

        assertThat(chain.anchor().payoutRoot(epoch.epochNumber()).send()).isEqualTo(epoch.payoutRoot());
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
    void anEpochsEventsRootAndTotalAreReadFromItsLogByEpoch() throws Exception {
        PayoutEpoch epoch = PayoutEpoch.random(EPOCHS.getAndIncrement(), 4);
        PayoutEpoch next = PayoutEpoch.random(EPOCHS.getAndIncrement(), 2);
        chain.anchor().anchorEpoch(epoch.epochNumber(), epoch.payoutRoot(), EVENTS_ROOT, epoch.totalUnits()).send();
        chain.anchor().anchorEpoch(next.epochNumber(), next.payoutRoot(), new byte[32], next.totalUnits()).send();

        EthFilter byEpoch = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                chain.anchor().getContractAddress());
        byEpoch.addSingleTopic(EventEncoder.encode(SettlementAnchor.EPOCHANCHORED_EVENT));
        byEpoch.addSingleTopic(TypeEncoder.encode(new Uint64(epoch.epochNumber())));
        List<EthLog.LogResult> logs = anvil.web3j().ethGetLogs(byEpoch).send().getLogs();

        assertThat(logs).singleElement().satisfies(result -> {
            SettlementAnchor.EpochAnchoredEventResponse event = SettlementAnchor.getEpochAnchoredEventFromLog((Log) result.get());
            assertThat(event.eventsRoot).isEqualTo(EVENTS_ROOT);
            assertThat(event.totalUnits).isEqualTo(epoch.totalUnits());
        });
    }

    @Test
    void anEpochWithoutPayoutsIsAnchoredOnceWithAZeroRoot() throws Exception {
        BigInteger epoch = BigInteger.valueOf(EPOCHS.getAndIncrement());

        TransactionReceipt receipt = chain.anchor().anchorEpoch(epoch, ZERO_ROOT, EVENTS_ROOT, BigInteger.ZERO).send();

        assertThat(chain.anchor().isAnchored(epoch).send()).isTrue();
        assertThat(chain.anchor().payoutRoot(epoch).send()).isEqualTo(ZERO_ROOT);
        assertThat(SettlementAnchor.getEpochAnchoredEvents(receipt)).singleElement()
                .satisfies(event -> assertThat(event.payoutRoot).isEqualTo(ZERO_ROOT));
        PayoutEpoch other = PayoutEpoch.random(epoch.longValueExact(), 2);
        String again = chain.revertOf(chain.operator(), chain.anchor(),
                chain.anchor().anchorEpoch(epoch, ZERO_ROOT, EVENTS_ROOT, BigInteger.ZERO));
        String withRoot = chain.revertOf(chain.operator(), chain.anchor(),
                chain.anchor().anchorEpoch(epoch, other.payoutRoot(), EVENTS_ROOT, other.totalUnits()));
        assertThat(again).isEqualTo("EpochAlreadyAnchored");
        assertThat(withRoot).isEqualTo("EpochAlreadyAnchored");
        assertThat(chain.anchor().payoutRoot(epoch).send()).isEqualTo(ZERO_ROOT);
    }

    @Test
    void cannotAnchorTheRootReservedForEpochsWithoutPayouts() throws Exception {
        BigInteger epoch = BigInteger.valueOf(EPOCHS.getAndIncrement());
        byte[] reserved = chain.anchor().NO_PAYOUTS().send();

        String error = chain.revertOf(chain.operator(), chain.anchor(),
                chain.anchor().anchorEpoch(epoch, reserved, EVENTS_ROOT, BigInteger.ONE));

        assertThat(reserved).containsOnly((byte) 0xff);
        assertThat(error).isEqualTo("ReservedPayoutRoot");
        assertThat(chain.anchor().isAnchored(epoch).send()).isFalse();
    }

    @Test
    void anEpochNotAnchoredHasNoRoot() throws Exception {
        BigInteger epoch = BigInteger.valueOf(EPOCHS.getAndIncrement());

        assertThat(chain.anchor().isAnchored(epoch).send()).isFalse();
        assertThat(chain.anchor().payoutRoot(epoch).send()).isEqualTo(ZERO_ROOT);
    }

    @Test
    void cannotAnchorAnEpochTwice() throws Exception {
        PayoutEpoch epoch = PayoutEpoch.random(EPOCHS.getAndIncrement(), 2);
        chain.anchor().anchorEpoch(epoch.epochNumber(), epoch.payoutRoot(), EVENTS_ROOT, epoch.totalUnits()).send();
        PayoutEpoch other = PayoutEpoch.random(epoch.epoch(), 2);

        String error = chain.revertOf(chain.operator(), chain.anchor(),
                chain.anchor().anchorEpoch(other.epochNumber(), other.payoutRoot(), EVENTS_ROOT, other.totalUnits()));

        assertThat(error).isEqualTo("EpochAlreadyAnchored");
        assertThat(chain.anchor().payoutRoot(epoch.epochNumber()).send()).isEqualTo(epoch.payoutRoot());
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
    void anchoringCostsUnderSixtyThousandGasWhateverTheEpochsSize() throws Exception {
        PayoutEpoch small = PayoutEpoch.random(EPOCHS.getAndIncrement(), 1);
        PayoutEpoch large = PayoutEpoch.random(EPOCHS.getAndIncrement(), 5_000);

        BigInteger smallGas = chain.anchor().anchorEpoch(small.epochNumber(), small.payoutRoot(), EVENTS_ROOT, small.totalUnits()).send().getGasUsed();
        BigInteger largeGas = chain.anchor().anchorEpoch(large.epochNumber(), large.payoutRoot(), EVENTS_ROOT, large.totalUnits()).send().getGasUsed();

        // Only calldata differs (zero bytes in the total and roots cost less than others).
        assertThat(largeGas.subtract(smallGas).abs()).isLessThan(BigInteger.valueOf(500));
        assertThat(smallGas).isLessThanOrEqualTo(BigInteger.valueOf(60_000));
        assertThat(largeGas).isLessThanOrEqualTo(BigInteger.valueOf(60_000));
    }
}
