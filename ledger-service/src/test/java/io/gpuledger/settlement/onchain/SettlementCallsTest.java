package io.gpuledger.settlement.onchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.chain.ChainLog;
import io.gpuledger.settlement.api.Payout;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class SettlementCallsTest {

    private static final String DISTRIBUTOR = "0x00000000000000000000000000000000000000a3";

    @Test
    void aPushCarriesEachPayoutAsOneWordOfAmountAboveAccount() {
        String account = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

        String calldata = SettlementCalls.pushPayouts(7, List.of(new Payout(account, BigInteger.valueOf(0x0f4240))));

        // selector, epoch, offset of the array, its length, then the one word
        assertThat(calldata.substring(2 + 8 + 3 * 64)).isEqualTo("0".repeat(18) + "0f4240" + account.substring(2).toLowerCase());
    }

    @Test
    void cannotPushAPayoutBeyondNinetySixBits() {
        Payout tooLarge = new Payout(DISTRIBUTOR, BigInteger.ONE.shiftLeft(96));

        assertThatThrownBy(() -> SettlementCalls.pushPayouts(7, List.of(tooLarge)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPushesLogReadsBackAsThePayoutsItPaid() {
        String first = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        String second = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
        BigInteger largest = BigInteger.ONE.shiftLeft(88).subtract(BigInteger.ONE);
        String data = FunctionEncoder.encodeConstructor(List.of(new DynamicArray<>(Uint256.class,
                new Uint256(BigInteger.TEN.shiftLeft(160).or(Numeric.toBigInt(first))),
                new Uint256(largest.shiftLeft(160).or(Numeric.toBigInt(second))))));
        ChainLog log = new ChainLog(DISTRIBUTOR, List.of(SettlementCalls.PAYOUTS_PUSHED_TOPIC, SettlementCalls.epochTopic(7)),
                "0x" + data, 12, "0x" + "ab".repeat(32), "0x" + "cd".repeat(32), 3);

        assertThat(SettlementCalls.isPayoutsPushed(log)).isTrue();
        assertThat(SettlementCalls.payoutsPaid(log)).containsExactly(
                new SettlementCalls.PayoutPaid(7, first, BigInteger.TEN, true, log.txHash(), 12),
                new SettlementCalls.PayoutPaid(7, second, largest, true, log.txHash(), 12));
    }

    @Test
    void aStoredFundingTransactionSaysHowMuchItFunds() {
        BigInteger units = new BigInteger("123456789012345678901234567890");

        assertThat(SettlementCalls.fundedUnitsOf(SettlementCalls.fundEpoch(7, units))).isEqualTo(units);
    }

    @Test
    void callsCarryTheSelectorsOfTheContractsFunctions() {
        // The first four bytes of keccak256 of each Solidity signature.
        assertThat(SettlementCalls.mint(DISTRIBUTOR, BigInteger.ONE)).startsWith("0x40c10f19");
        assertThat(SettlementCalls.approveUnlimited(DISTRIBUTOR)).startsWith("0x095ea7b3").endsWith("f".repeat(64));
        assertThat(SettlementCalls.fundEpoch(7, BigInteger.ONE))
                .startsWith(Hash.sha3String("fundEpoch(uint64,uint256)").substring(0, 10));
        assertThat(SettlementCalls.pushPayouts(7, List.of(new Payout(DISTRIBUTOR, BigInteger.TEN))))
                .startsWith(Hash.sha3String("pushPayouts(uint64,uint256[])").substring(0, 10));
        assertThat(SettlementCalls.anchorEpoch(7, "0x" + "11".repeat(32), "0x" + "22".repeat(32), BigInteger.TEN))
                .startsWith(Hash.sha3String("anchorEpoch(uint64,bytes32,bytes32,uint256)").substring(0, 10));
    }

    @Test
    void anAddressTopicReadsBackChecksummed() {
        String account = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

        assertThat(SettlementCalls.address(SettlementCalls.addressTopic(account))).isEqualTo(account);
        assertThat(SettlementCalls.epochTopic(7)).isEqualTo("0x" + "0".repeat(63) + "7");
    }

    @Test
    void pushGasStaysUnderTheTransactionGasCapAtTheLargestBatch() {
        assertThat(SettlementCalls.pushGas(io.gpuledger.settlement.SettlementProperties.MAX_PUSH_BATCH_SIZE))
                .isLessThan(BigInteger.valueOf(1L << 24));
    }
}
