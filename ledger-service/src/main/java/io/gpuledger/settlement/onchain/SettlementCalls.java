package io.gpuledger.settlement.onchain;

import io.gpuledger.chain.ChainLog;
import io.gpuledger.contracts.generated.PayoutDistributor;
import io.gpuledger.contracts.generated.PrepaidEscrow;
import io.gpuledger.contracts.generated.SettlementAnchor;
import io.gpuledger.contracts.generated.SettlementToken;
import io.gpuledger.settlement.api.Payout;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * The settlement contracts' calls and logs as bytes: calldata for the transactions the ledger sends,
 * calls for the state it reads, and the logs it decodes. Function names and event definitions come
 * from the wrappers generated from the Solidity sources, so a renamed function fails the build.
 *
 * <p>The gas limits are public because the docs quote them, and a test holds the docs to them.
 */
public final class SettlementCalls {

    /** What anchoring costs is fixed (about 49,300 gas measured); three times that leaves room for a fork's repricing. */
    public static final BigInteger ANCHOR_GAS = BigInteger.valueOf(150_000);
    /**
     * fundEpoch: the epoch's root copied from the anchor, its words and the token's transferFrom;
     * 129,144 gas measured into a distributor holding nothing (docs/PERFORMANCE.md).
     */
    public static final BigInteger FUND_GAS = BigInteger.valueOf(250_000);
    /** A mint or an approve: one or two words and a log, about 50,000 gas. */
    public static final BigInteger TOKEN_GAS = BigInteger.valueOf(120_000);
    /** What approve grants the distributor: everything, once, so that funding needs no approve per epoch. */
    private static final BigInteger ADDRESS_MASK = BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE);
    static final BigInteger UNLIMITED = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    public static final long PUSH_BASE_GAS = 80_000;
    /**
     * Measured about 26,500 per new holder in a batch of 100 and 26,200 in one of 500 (docs/PERFORMANCE.md);
     * skipped accounts cost less.
     */
    public static final long PUSH_GAS_PER_PAYOUT = 40_000;

    static final String PAYOUT_PAID_TOPIC = EventEncoder.encode(PayoutDistributor.PAYOUTPAID_EVENT);
    static final String PAYOUTS_PUSHED_TOPIC = EventEncoder.encode(PayoutDistributor.PAYOUTSPUSHED_EVENT);
    static final String EPOCH_ANCHORED_TOPIC = EventEncoder.encode(SettlementAnchor.EPOCHANCHORED_EVENT);
    static final String TRANSFER_TOPIC = EventEncoder.encode(SettlementToken.TRANSFER_EVENT);
    static final String RELEASED_TOPIC = EventEncoder.encode(PrepaidEscrow.RELEASED_EVENT);

    private SettlementCalls() {
    }

    // ---- transactions

    static String anchorEpoch(long epoch, String payoutRoot, String eventsRoot, BigInteger totalUnits) {
        return encode(SettlementAnchor.FUNC_ANCHOREPOCH, new Uint64(epoch), bytes32(payoutRoot), bytes32(eventsRoot),
                new Uint256(totalUnits));
    }

    /** mint(to, units), on a token the signer owns. */
    static String mint(String to, BigInteger units) {
        return encode(SettlementToken.FUNC_MINT, new Address(to), new Uint256(units));
    }

    /** approve(spender, everything): lets the distributor's fundEpoch take the signer's tokens. */
    static String approveUnlimited(String spender) {
        return encode(SettlementToken.FUNC_APPROVE, new Address(spender), new Uint256(UNLIMITED));
    }

    /** release(to, units): the escrow sends units of its deposits to {@code to}; the signer is its owner. */
    static String release(String to, BigInteger units) {
        return encode(PrepaidEscrow.FUNC_RELEASE, new Address(to), new Uint256(units));
    }

    /** How much a stored release transaction releases: its second argument. */
    static BigInteger releasedUnitsOf(String calldata) {
        return fundedUnitsOf(calldata);
    }

    /** How much a stored fundEpoch transaction funds: its second argument. */
    static BigInteger fundedUnitsOf(String calldata) {
        return decodeUint("0x" + Numeric.cleanHexPrefix(calldata).substring(8), 1);
    }

    /** fundEpoch(epoch, units): moves units from the signer into the distributor, for the epoch alone. */
    static String fundEpoch(long epoch, BigInteger units) {
        return encode(PayoutDistributor.FUNC_FUNDEPOCH, new Uint64(epoch), new Uint256(units));
    }

    /**
     * pushPayouts(epoch, payouts), each payout one word: amount &lt;&lt; 160 | account. The payouts must
     * already be in ascending address order. An amount needs at most 88 bits, as the distributor keeps
     * no more unpaid for an epoch, so it always fits the word's 96.
     */
    static String pushPayouts(long epoch, List<Payout> ascending) {
        List<Uint256> packed = ascending.stream().map(SettlementCalls::packed).toList();
        return encode(PayoutDistributor.FUNC_PUSHPAYOUTS, new Uint64(epoch), new DynamicArray<>(Uint256.class, packed));
    }

    private static Uint256 packed(Payout payout) {
        if (payout.amountUnits().bitLength() > 96) {
            throw new IllegalArgumentException("a payout of " + payout.amountUnits() + " units cannot be pushed");
        }
        return new Uint256(payout.amountUnits().shiftLeft(160).or(Numeric.toBigInt(payout.account())));
    }

    static BigInteger pushGas(int payouts) {
        return BigInteger.valueOf(PUSH_BASE_GAS + PUSH_GAS_PER_PAYOUT * payouts);
    }

    // ---- reads

    static String isAnchoredCall(long epoch) {
        return encode(SettlementAnchor.FUNC_ISANCHORED, new Uint64(epoch));
    }

    static String payoutRootCall(long epoch) {
        return encode(SettlementAnchor.FUNC_PAYOUTROOT, new Uint64(epoch));
    }

    static String decodeBytes32(String result) {
        List<Type> values = FunctionReturnDecoder.decode(result, outputs(new TypeReference<Bytes32>() {
        }));
        if (values.size() != 1) {
            throw new IllegalStateException("a contract call answered " + result + " for a bytes32");
        }
        return Numeric.toHexString((byte[]) values.get(0).getValue());
    }

    static String isPaidCall(long epoch, String account) {
        return encode(PayoutDistributor.FUNC_ISPAID, new Uint64(epoch), new Address(account));
    }

    static String epochProgressCall(long epoch) {
        return encode(PayoutDistributor.FUNC_EPOCHPROGRESS, new Uint64(epoch));
    }

    static String allowanceCall(String owner, String spender) {
        return encode(SettlementToken.FUNC_ALLOWANCE, new Address(owner), new Address(spender));
    }

    static String balanceOfCall(String account) {
        return encode(SettlementToken.FUNC_BALANCEOF, new Address(account));
    }

    static boolean decodeBool(String result) {
        List<Type> values = FunctionReturnDecoder.decode(result, outputs(new TypeReference<Bool>() {
        }));
        return !values.isEmpty() && (Boolean) values.get(0).getValue();
    }

    /** The single uint256 of a call's result, or of the second word for epochProgress (pushedThrough, paidUnits). */
    static BigInteger decodeUint(String result, int word) {
        byte[] bytes = Numeric.hexStringToByteArray(result);
        if (bytes.length < 32 * (word + 1)) {
            throw new IllegalStateException("a contract call answered " + result);
        }
        return new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 32 * word, 32 * (word + 1)));
    }

    // ---- logs

    record PayoutPaid(long epoch, String account, BigInteger amountUnits, boolean pushed, String txHash,
                      long blockNumber) {
    }

    record EpochAnchored(long epoch, String payoutRoot, String eventsRoot, BigInteger totalUnits, String txHash,
                         long blockNumber) {
    }

    record Transfer(String from, String to, BigInteger units, String txHash, long blockNumber) {
    }

    record Released(String to, BigInteger units, String txHash, long blockNumber) {
    }

    static String epochTopic(long epoch) {
        return Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(epoch), 64);
    }

    static String addressTopic(String address) {
        return Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(address), 64);
    }

    static boolean isPayoutPaid(ChainLog log) {
        return PAYOUT_PAID_TOPIC.equals(log.topic(0)) && log.topics().size() == 3;
    }

    static boolean isPayoutsPushed(ChainLog log) {
        return PAYOUTS_PUSHED_TOPIC.equals(log.topic(0)) && log.topics().size() == 2;
    }

    /** The payouts of a log of either kind: one for a claim's PayoutPaid, each one a PayoutsPushed lists. */
    static List<PayoutPaid> payoutsPaid(ChainLog log) {
        return isPayoutsPushed(log) ? payoutsPushed(log) : List.of(payoutPaid(log));
    }

    /** A push's PayoutsPushed log: its words, amount &lt;&lt; 160 | account, as pushed payouts. */
    @SuppressWarnings("unchecked")
    static List<PayoutPaid> payoutsPushed(ChainLog log) {
        List<Type> data = FunctionReturnDecoder.decode(log.data(),
                PayoutDistributor.PAYOUTSPUSHED_EVENT.getNonIndexedParameters());
        long epoch = Numeric.toBigInt(log.topic(1)).longValueExact();
        return ((List<Uint256>) data.get(0).getValue()).stream().map(word -> {
            BigInteger packed = word.getValue();
            String account = Keys.toChecksumAddress(Numeric.toHexStringWithPrefixZeroPadded(
                    packed.and(ADDRESS_MASK), 40));
            return new PayoutPaid(epoch, account, packed.shiftRight(160), true, log.txHash(), log.blockNumber());
        }).toList();
    }

    static PayoutPaid payoutPaid(ChainLog log) {
        List<Type> data = FunctionReturnDecoder.decode(log.data(),
                PayoutDistributor.PAYOUTPAID_EVENT.getNonIndexedParameters());
        return new PayoutPaid(Numeric.toBigInt(log.topic(1)).longValueExact(), address(log.topic(2)),
                (BigInteger) data.get(0).getValue(), (Boolean) data.get(1).getValue(), log.txHash(), log.blockNumber());
    }

    static EpochAnchored epochAnchored(ChainLog log) {
        List<Type> data = FunctionReturnDecoder.decode(log.data(),
                SettlementAnchor.EPOCHANCHORED_EVENT.getNonIndexedParameters());
        return new EpochAnchored(Numeric.toBigInt(log.topic(1)).longValueExact(),
                Numeric.toHexString((byte[]) data.get(0).getValue()), Numeric.toHexString((byte[]) data.get(1).getValue()),
                (BigInteger) data.get(2).getValue(), log.txHash(), log.blockNumber());
    }

    static Transfer transfer(ChainLog log) {
        List<Type> data = FunctionReturnDecoder.decode(log.data(), SettlementToken.TRANSFER_EVENT.getNonIndexedParameters());
        return new Transfer(address(log.topic(1)), address(log.topic(2)), (BigInteger) data.get(0).getValue(),
                log.txHash(), log.blockNumber());
    }

    static Released released(ChainLog log) {
        List<Type> data = FunctionReturnDecoder.decode(log.data(), PrepaidEscrow.RELEASED_EVENT.getNonIndexedParameters());
        return new Released(address(log.topic(1)), (BigInteger) data.get(0).getValue(), log.txHash(), log.blockNumber());
    }

    /** An address from a 32-byte topic, checksummed as the ledger writes addresses. */
    static String address(String topic) {
        String hex = Numeric.cleanHexPrefix(topic);
        return Keys.toChecksumAddress("0x" + hex.substring(hex.length() - 40));
    }

    // ---- encoding

    /**
     * An epoch as the chain holds it: the payout root from the anchor's storage, the total from its
     * EpochAnchored log (the anchor stores one word per epoch), and the block of that log.
     */
    record AnchoredEpoch(String payoutRoot, BigInteger totalUnits, long anchoredAt) {

        boolean anchored() {
            return anchoredAt != 0;
        }
    }

    private static Bytes32 bytes32(String hex) {
        return new Bytes32(Numeric.hexStringToByteArray(hex));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<TypeReference<Type>> outputs(TypeReference<?>... types) {
        return (List) List.of(types);
    }

    @SuppressWarnings("rawtypes")
    private static String encode(String name, Type... inputs) {
        return FunctionEncoder.encode(new Function(name, List.of(inputs), List.of()));
    }
}
