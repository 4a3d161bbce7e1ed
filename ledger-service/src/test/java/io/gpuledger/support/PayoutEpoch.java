package io.gpuledger.support;

import io.gpuledger.settlement.merkle.LeafEncoding;
import io.gpuledger.settlement.merkle.StandardMerkleTree;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * An epoch's payouts to fresh random accounts, in ascending address order (the order pushes go
 * in), with the payout tree built by the ledger's own StandardMerkleTree.
 */
public record PayoutEpoch(long epoch, List<String> accounts, List<BigInteger> amounts, StandardMerkleTree tree) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static PayoutEpoch random(long epoch, int payouts) {
        List<String> accounts = new ArrayList<>(payouts);
        for (int i = 0; i < payouts; i++) {
            byte[] address = new byte[20];
            RANDOM.nextBytes(address);
            accounts.add(Keys.toChecksumAddress(Numeric.toHexString(address)));
        }
        accounts.sort(Comparator.comparing(a -> Numeric.toBigInt(a)));
        List<BigInteger> amounts = new ArrayList<>(payouts);
        for (int i = 0; i < payouts; i++) {
            amounts.add(BigInteger.valueOf(1_000_000L + RANDOM.nextInt(9_000_000)));
        }
        return of(epoch, accounts, amounts);
    }

    public static PayoutEpoch of(long epoch, List<String> accounts, List<BigInteger> amounts) {
        List<List<Object>> leaves = new ArrayList<>(accounts.size());
        for (int i = 0; i < accounts.size(); i++) {
            leaves.add(List.of(accounts.get(i), amounts.get(i)));
        }
        return new PayoutEpoch(epoch, List.copyOf(accounts), List.copyOf(amounts),
                StandardMerkleTree.of(leaves, LeafEncoding.ADDRESS_UINT256));
    }

    public BigInteger epochNumber() {
        return BigInteger.valueOf(epoch);
    }

    public BigInteger totalUnits() {
        return amounts.stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    public byte[] payoutRoot() {
        return tree.root();
    }

    public List<byte[]> proof(int index) {
        return tree.proof(index);
    }

    /** Payouts from index {@code from} to {@code to} (exclusive) as pushPayouts takes them. */
    public List<BigInteger> packed(int from, int to) {
        return packed(accounts.subList(from, to), amounts.subList(from, to));
    }

    /** Each payout as one word, amount << 160 | account, as pushPayouts takes them. */
    public static List<BigInteger> packed(List<String> accounts, List<BigInteger> amounts) {
        List<BigInteger> words = new ArrayList<>(accounts.size());
        for (int i = 0; i < accounts.size(); i++) {
            words.add(amounts.get(i).shiftLeft(160).or(Numeric.toBigInt(accounts.get(i))));
        }
        return words;
    }
}
