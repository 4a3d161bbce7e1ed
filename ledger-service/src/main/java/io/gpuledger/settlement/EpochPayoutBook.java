package io.gpuledger.settlement;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.settlement.api.Payout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An epoch's payouts in push order and which of them are paid. Push order is ascending address
 * order, as PayoutDistributor.pushPayouts requires; addresses are compared in lower case, where the
 * order of the hex text is the order of the numbers.
 */
final class EpochPayoutBook {

    private final List<Payout> ascending;
    private final Map<String, Payout> byAccount = new HashMap<>();
    private final Set<String> paid = new HashSet<>();
    private final Map<String, String> claimTxHashes = new HashMap<>();
    private final BigInteger totalUnits;

    EpochPayoutBook(List<Payout> payouts, BigInteger totalUnits) {
        this.ascending = new ArrayList<>(payouts);
        this.ascending.sort(Comparator.comparing(p -> key(p.account())));
        for (Payout payout : ascending) {
            byAccount.put(key(payout.account()), payout);
        }
        this.totalUnits = totalUnits;
    }

    /** Refuses a list that cannot be an epoch's payouts: repeated accounts, amounts not positive, a wrong total. */
    static void check(List<Payout> payouts, BigInteger totalUnits) {
        Set<String> seen = new HashSet<>();
        BigInteger sum = BigInteger.ZERO;
        for (Payout payout : payouts) {
            if (!seen.add(key(payout.account()))) {
                throw new IllegalArgumentException("account " + payout.account() + " appears twice in the payouts");
            }
            if (payout.amountUnits().signum() <= 0) {
                throw new IllegalArgumentException("payout to " + payout.account() + " is not positive");
            }
            sum = sum.add(payout.amountUnits());
        }
        if (!sum.equals(totalUnits)) {
            throw new IllegalArgumentException("payouts sum to " + sum + ", not to the total " + totalUnits);
        }
    }

    static int batchCount(int payoutCount, int batchSize) {
        return (payoutCount + batchSize - 1) / batchSize;
    }

    int size() {
        return ascending.size();
    }

    BigInteger totalUnits() {
        return totalUnits;
    }

    /** Batch {@code batch} (1-based) of {@code batchSize} accounts, ascending. */
    List<Payout> batch(int batch, int batchSize) {
        int from = (batch - 1) * batchSize;
        return List.copyOf(ascending.subList(from, Math.min(ascending.size(), from + batchSize)));
    }

    /**
     * The batch's payouts that {@code paid} says were paid, as the ledger spells them; refused when a
     * payment is not one of the batch's payouts or pays an account paid before.
     */
    List<Payout> paymentsOfBatch(int batch, int batchSize, List<Payout> paid) {
        Map<String, Payout> ofBatch = new HashMap<>();
        batch(batch, batchSize).forEach(p -> ofBatch.put(key(p.account()), p));
        Set<String> seen = new HashSet<>();
        List<Payout> payments = new ArrayList<>(paid.size());
        for (Payout payment : paid) {
            Payout payout = ofBatch.get(key(payment.account()));
            if (payout == null || !payout.amountUnits().equals(payment.amountUnits())) {
                throw new LedgerRejection(RejectionCode.PAYOUT_MISMATCH, "batch " + batch + " paid "
                        + payment.amountUnits() + " to " + payment.account() + ", which is not one of its payouts");
            }
            if (isPaid(payment.account()) || !seen.add(key(payment.account()))) {
                throw alreadyPaid(payment.account());
            }
            payments.add(payout);
        }
        return payments;
    }

    /** The payout a claim of {@code amountUnits} by {@code account} pays; refused when there is none. */
    Payout payoutClaimed(String account, BigInteger amountUnits) {
        Payout payout = byAccount.get(key(account));
        if (payout == null || !payout.amountUnits().equals(amountUnits)) {
            throw new LedgerRejection(RejectionCode.PAYOUT_MISMATCH,
                    "a claim of " + amountUnits + " by " + account + " is not one of the epoch's payouts");
        }
        return payout;
    }

    static LedgerRejection alreadyPaid(String account) {
        return new LedgerRejection(RejectionCode.PAYOUT_ALREADY_PAID, "the epoch has paid " + account + " already");
    }

    boolean isPaid(String account) {
        return paid.contains(key(account));
    }

    /** The claim that paid the account, if a claim did. */
    Optional<String> claimTxHash(String account) {
        return Optional.ofNullable(claimTxHashes.get(key(account)));
    }

    void markPushed(String account) {
        paid.add(key(account));
    }

    void markClaimed(String account, String txHash) {
        paid.add(key(account));
        claimTxHashes.put(key(account), txHash.toLowerCase(Locale.ROOT));
    }

    boolean allPaid() {
        return paid.size() == byAccount.size();
    }

    static String key(String account) {
        return account.toLowerCase(Locale.ROOT);
    }
}
