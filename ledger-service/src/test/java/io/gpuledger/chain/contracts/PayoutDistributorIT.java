package io.gpuledger.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.contracts.generated.PayoutDistributor;
import io.gpuledger.support.Anvil;
import io.gpuledger.support.PayoutEpoch;
import io.gpuledger.support.SettlementContracts;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;

class PayoutDistributorIT {

    private static final AtomicLong EPOCHS = new AtomicLong(1);

    private static Anvil anvil;
    private static SettlementContracts chain;
    private static PayoutDistributor operatorDistributor;
    private static Credentials relayer;
    private static PayoutDistributor relayerDistributor;

    @BeforeAll
    static void deploy() {
        anvil = Anvil.start();
        chain = SettlementContracts.deploy(anvil);
        operatorDistributor = chain.distributor();
        // Claims are sent by someone who is not the operator: anyone may claim for an account.
        relayer = anvil.fundedAccount(10);
        relayerDistributor = chain.distributorAs(relayer);
    }

    @AfterAll
    static void stop() {
        anvil.close();
    }

    private static PayoutEpoch anchoredEpoch(int payouts) {
        PayoutEpoch epoch = PayoutEpoch.random(EPOCHS.getAndIncrement(), payouts);
        chain.anchorAndFund(epoch);
        return epoch;
    }

    /** An anchored epoch that nothing has been funded for yet. */
    private static PayoutEpoch unfundedEpoch(int payouts) {
        PayoutEpoch epoch = PayoutEpoch.random(EPOCHS.getAndIncrement(), payouts);
        chain.anchor(epoch);
        return epoch;
    }

    private static String fundError(Credentials signer, PayoutDistributor asSigner, PayoutEpoch epoch, BigInteger units) {
        return chain.revertOf(signer, asSigner, asSigner.fundEpoch(epoch.epochNumber(), units));
    }

    private static TransactionReceipt claim(PayoutEpoch epoch, int index) throws Exception {
        return relayerDistributor.claim(epoch.epochNumber(), epoch.accounts().get(index), epoch.amounts().get(index), epoch.proof(index)).send();
    }

    private static TransactionReceipt push(PayoutEpoch epoch, int from, int to) throws Exception {
        return operatorDistributor.pushPayouts(epoch.epochNumber(), epoch.packed(from, to)).send();
    }

    private static String claimError(PayoutEpoch epoch, String account, BigInteger amount, List<byte[]> proof) {
        return chain.revertOf(relayer, relayerDistributor, relayerDistributor.claim(epoch.epochNumber(), account, amount, proof));
    }

    @Test
    void claimWithAValidProofPaysTheAccountItsAmount() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(7);

        TransactionReceipt receipt = claim(epoch, 4);

        assertThat(chain.balanceOf(epoch.accounts().get(4))).isEqualTo(epoch.amounts().get(4));
        assertThat(operatorDistributor.isPaid(epoch.epochNumber(), epoch.accounts().get(4)).send()).isTrue();
        assertThat(operatorDistributor.isPaid(epoch.epochNumber(), epoch.accounts().get(5)).send()).isFalse();
        assertThat(PayoutDistributor.getPayoutPaidEvents(receipt)).singleElement().satisfies(event -> {
            assertThat(event.epoch).isEqualTo(epoch.epochNumber());
            assertThat(event.account).isEqualToIgnoringCase(epoch.accounts().get(4));
            assertThat(event.amount).isEqualTo(epoch.amounts().get(4));
            assertThat(event.pushed).isFalse();
        });
    }

    @Test
    void aSingleLeafEpochIsClaimedWithAnEmptyProof() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(1);

        claim(epoch, 0);

        assertThat(epoch.proof(0)).isEmpty();
        assertThat(chain.balanceOf(epoch.accounts().get(0))).isEqualTo(epoch.amounts().get(0));
    }

    @Test
    void cannotClaimTwice() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(3);
        claim(epoch, 1);

        String error = claimError(epoch, epoch.accounts().get(1), epoch.amounts().get(1), epoch.proof(1));

        assertThat(error).isEqualTo("AlreadyPaid");
        assertThat(chain.balanceOf(epoch.accounts().get(1))).isEqualTo(epoch.amounts().get(1));
    }

    @Test
    void cannotClaimAnotherAmount() {
        PayoutEpoch epoch = anchoredEpoch(3);

        String error = claimError(epoch, epoch.accounts().get(0), epoch.amounts().get(0).add(BigInteger.ONE), epoch.proof(0));

        assertThat(error).isEqualTo("InvalidProof");
        assertThat(chain.balanceOf(epoch.accounts().get(0))).isZero();
    }

    @Test
    void cannotClaimWithTheProofOfAnotherLeaf() {
        PayoutEpoch epoch = anchoredEpoch(5);

        String error = claimError(epoch, epoch.accounts().get(0), epoch.amounts().get(0), epoch.proof(1));

        assertThat(error).isEqualTo("InvalidProof");
    }

    @Test
    void cannotClaimALeafOfAnotherEpoch() {
        PayoutEpoch epoch = anchoredEpoch(4);
        PayoutEpoch other = anchoredEpoch(4);

        String error = claimError(other, epoch.accounts().get(2), epoch.amounts().get(2), epoch.proof(2));

        assertThat(error).isEqualTo("InvalidProof");
    }

    @Test
    void cannotClaimForAnEpochNotAnchored() {
        PayoutEpoch epoch = PayoutEpoch.random(EPOCHS.getAndIncrement(), 3);

        String error = claimError(epoch, epoch.accounts().get(0), epoch.amounts().get(0), epoch.proof(0));

        assertThat(error).isEqualTo("EpochNotAnchored");
    }

    @Test
    void anAccountClaimsEachEpochOnceWhicheverEpochsItClaimedBefore() throws Exception {
        // Claimed epochs are bits of a word per 256 epochs: 10,000 and 10,001 share a word, 10,256 does not.
        String account = PayoutEpoch.random(0, 1).accounts().get(0);
        List<PayoutEpoch> epochs = new ArrayList<>();
        for (long number : new long[] {10_000, 10_001, 10_256}) {
            PayoutEpoch epoch = PayoutEpoch.of(number, List.of(account), List.of(BigInteger.valueOf(number)));
            chain.anchorAndFund(epoch);
            epochs.add(epoch);
        }

        claim(epochs.get(2), 0);
        assertThat(operatorDistributor.isPaid(epochs.get(0).epochNumber(), account).send()).isFalse();
        claim(epochs.get(0), 0);
        assertThat(operatorDistributor.isPaid(epochs.get(1).epochNumber(), account).send()).isFalse();
        claim(epochs.get(1), 0);

        for (PayoutEpoch epoch : epochs) {
            assertThat(operatorDistributor.isPaid(epoch.epochNumber(), account).send()).isTrue();
            assertThat(claimError(epoch, account, epoch.amounts().get(0), epoch.proof(0))).isEqualTo("AlreadyPaid");
        }
        assertThat(chain.balanceOf(account)).isEqualTo(BigInteger.valueOf(10_000 + 10_001 + 10_256));
    }

    @Test
    void pushPaysEveryAccountOfTheBatch() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(25);

        TransactionReceipt receipt = push(epoch, 0, 25);

        for (int i = 0; i < 25; i++) {
            assertThat(chain.balanceOf(epoch.accounts().get(i))).isEqualTo(epoch.amounts().get(i));
            assertThat(operatorDistributor.isPaid(epoch.epochNumber(), epoch.accounts().get(i)).send()).isTrue();
        }
        assertThat(SettlementContracts.pushedPayouts(receipt)).hasSize(25).allSatisfy(event -> assertThat(event.pushed).isTrue());
        Tuple3<String, BigInteger, BigInteger> progress = operatorDistributor.epochProgress(epoch.epochNumber()).send();
        assertThat(progress.component1()).isEqualToIgnoringCase(epoch.accounts().get(24));
        assertThat(progress.component2()).isEqualTo(epoch.totalUnits());
        assertThat(progress.component3()).isEqualTo(epoch.totalUnits());
    }

    @Test
    void cannotClaimWhatAPushPaid() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(6);
        push(epoch, 0, 6);

        String error = claimError(epoch, epoch.accounts().get(3), epoch.amounts().get(3), epoch.proof(3));

        assertThat(error).isEqualTo("AlreadyPaid");
        assertThat(chain.balanceOf(epoch.accounts().get(3))).isEqualTo(epoch.amounts().get(3));
    }

    @Test
    void pushSkipsAccountsThatClaimed() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(6);
        claim(epoch, 2);
        claim(epoch, 5);

        TransactionReceipt receipt = push(epoch, 0, 6);

        assertThat(SettlementContracts.pushedPayouts(receipt)).extracting(event -> event.account.toLowerCase())
                .containsExactly(lower(epoch, 0), lower(epoch, 1), lower(epoch, 3), lower(epoch, 4));
        assertThat(chain.balanceOf(epoch.accounts().get(2))).isEqualTo(epoch.amounts().get(2));
        assertThat(chain.balanceOf(epoch.accounts().get(5))).isEqualTo(epoch.amounts().get(5));
    }

    @Test
    void cannotClaimWhatAPushOfThatPayoutAlonePaid() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(4);
        push(epoch, 2, 3);

        String error = claimError(epoch, epoch.accounts().get(2), epoch.amounts().get(2), epoch.proof(2));

        assertThat(error).isEqualTo("AlreadyPaid");
        assertThat(chain.balanceOf(epoch.accounts().get(2))).isEqualTo(epoch.amounts().get(2));
    }

    @Test
    void aPushOfAClaimedPayoutAlonePaysNothing() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(4);
        claim(epoch, 1);

        TransactionReceipt receipt = push(epoch, 1, 2);

        assertThat(SettlementContracts.pushedPayouts(receipt)).isEmpty();
        assertThat(chain.balanceOf(epoch.accounts().get(1))).isEqualTo(epoch.amounts().get(1));
        assertThat(operatorDistributor.epochProgress(epoch.epochNumber()).send().component2())
                .isEqualTo(epoch.amounts().get(1));
    }

    @Test
    void aPushLogsEachPayoutItPaidInOneLog() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(3);

        TransactionReceipt receipt = push(epoch, 0, 3);

        assertThat(PayoutDistributor.getPayoutsPushedEvents(receipt)).singleElement()
                .satisfies(event -> assertThat(event.payouts).isEqualTo(epoch.packed(0, 3)));
        assertThat(SettlementContracts.pushedPayouts(receipt)).extracting(event -> event.amount)
                .containsExactlyElementsOf(epoch.amounts());
        assertThat(PayoutDistributor.getPayoutPaidEvents(receipt)).isEmpty();
    }

    @Test
    void aPushSentAgainPaysNobodyTwice() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(5);
        push(epoch, 0, 5);

        TransactionReceipt again = push(epoch, 0, 5);

        assertThat(SettlementContracts.pushedPayouts(again)).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(chain.balanceOf(epoch.accounts().get(i))).isEqualTo(epoch.amounts().get(i));
        }
    }

    @Test
    void aPushOverlappingAnEarlierOnePaysOnlyTheRest() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(8);
        push(epoch, 0, 5);

        TransactionReceipt rest = push(epoch, 3, 8);

        assertThat(SettlementContracts.pushedPayouts(rest)).extracting(event -> event.account.toLowerCase())
                .containsExactly(lower(epoch, 5), lower(epoch, 6), lower(epoch, 7));
        for (int i = 0; i < 8; i++) {
            assertThat(chain.balanceOf(epoch.accounts().get(i))).isEqualTo(epoch.amounts().get(i));
        }
    }

    @Test
    void cannotPushAccountsOutOfAscendingOrder() {
        PayoutEpoch epoch = anchoredEpoch(3);
        List<String> accounts = List.of(epoch.accounts().get(1), epoch.accounts().get(0), epoch.accounts().get(2));
        List<BigInteger> amounts = List.of(epoch.amounts().get(1), epoch.amounts().get(0), epoch.amounts().get(2));

        String error = chain.revertOf(chain.operator(), operatorDistributor,
                operatorDistributor.pushPayouts(epoch.epochNumber(), PayoutEpoch.packed(accounts, amounts)));

        assertThat(error).isEqualTo("UnsortedBatch");
    }

    @Test
    void cannotPushMoreThanTheEpochsFunding() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(3);
        // The distributor holds more than the epoch's funding, but only the funding may be spent.
        chain.mintToDistributor(BigInteger.valueOf(1_000_000));
        List<BigInteger> inflated = new ArrayList<>(epoch.amounts());
        inflated.set(1, inflated.get(1).add(BigInteger.ONE));

        String error = chain.revertOf(chain.operator(), operatorDistributor,
                operatorDistributor.pushPayouts(epoch.epochNumber(), PayoutEpoch.packed(epoch.accounts(), inflated)));

        assertThat(error).isEqualTo("ExceedsEpochFunding");
        assertThat(chain.balanceOf(epoch.accounts().get(0))).isZero();
    }

    @Test
    void cannotClaimMoreThanTheEpochsFunding() throws Exception {
        PayoutEpoch epoch = unfundedEpoch(2);
        chain.mintToOperator(epoch.totalUnits());
        chain.fundEpoch(epoch.epochNumber(), epoch.amounts().get(0));
        claim(epoch, 0);

        String error = claimError(epoch, epoch.accounts().get(1), epoch.amounts().get(1), epoch.proof(1));

        assertThat(error).isEqualTo("ExceedsEpochFunding");
        assertThat(chain.balanceOf(epoch.accounts().get(1))).isZero();
        chain.fundEpoch(epoch.epochNumber(), epoch.amounts().get(1));
        claim(epoch, 1);
        assertThat(chain.balanceOf(epoch.accounts().get(1))).isEqualTo(epoch.amounts().get(1));
    }

    @Test
    void oneEpochsFundingCannotBeSpentByAnother() throws Exception {
        PayoutEpoch funded = anchoredEpoch(4);
        List<BigInteger> units = List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.ONE, BigInteger.TWO);
        PayoutEpoch unfunded = PayoutEpoch.of(EPOCHS.getAndIncrement(), PayoutEpoch.random(0, 4).accounts(), units);
        chain.anchor(unfunded);
        // The distributor holds far more than the unfunded epoch needs, all of it other epochs' or nobody's.
        chain.mintToDistributor(unfunded.totalUnits());
        assertThat(chain.balanceOf(operatorDistributor.getContractAddress())).isGreaterThan(unfunded.totalUnits());

        String pushError = chain.revertOf(chain.operator(), operatorDistributor,
                operatorDistributor.pushPayouts(unfunded.epochNumber(), unfunded.packed(0, unfunded.accounts().size())));
        String claimError = claimError(unfunded, unfunded.accounts().get(2), unfunded.amounts().get(2), unfunded.proof(2));

        assertThat(pushError).isEqualTo("ExceedsEpochFunding");
        assertThat(claimError).isEqualTo("ExceedsEpochFunding");
        push(funded, 0, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(chain.balanceOf(funded.accounts().get(i))).isEqualTo(funded.amounts().get(i));
            assertThat(chain.balanceOf(unfunded.accounts().get(i))).isZero();
        }
    }

    @Test
    void fundEpochMovesTheOperatorsTokensInForTheEpoch() throws Exception {
        PayoutEpoch epoch = unfundedEpoch(3);
        String distributor = operatorDistributor.getContractAddress();
        BigInteger distributorBefore = chain.balanceOf(distributor);
        BigInteger half = epoch.totalUnits().shiftRight(1);
        chain.mintToOperator(epoch.totalUnits());
        BigInteger operatorBefore = chain.balanceOf(chain.operator().getAddress());

        TransactionReceipt first = chain.fundEpoch(epoch.epochNumber(), half);
        chain.fundEpoch(epoch.epochNumber(), epoch.totalUnits().subtract(half));

        assertThat(PayoutDistributor.getEpochFundedEvents(first)).singleElement().satisfies(event -> {
            assertThat(event.epoch).isEqualTo(epoch.epochNumber());
            assertThat(event.amount).isEqualTo(half);
            assertThat(event.fundedUnits).isEqualTo(half);
        });
        Tuple3<String, BigInteger, BigInteger> progress = operatorDistributor.epochProgress(epoch.epochNumber()).send();
        assertThat(progress.component2()).isZero();
        assertThat(progress.component3()).isEqualTo(epoch.totalUnits());
        assertThat(chain.balanceOf(distributor)).isEqualTo(distributorBefore.add(epoch.totalUnits()));
        assertThat(chain.balanceOf(chain.operator().getAddress())).isEqualTo(operatorBefore.subtract(epoch.totalUnits()));
    }

    @Test
    void cannotFundBeyondTheOperatorsAllowance() throws Exception {
        PayoutEpoch epoch = unfundedEpoch(3);
        chain.mintToOperator(epoch.totalUnits());
        String distributor = operatorDistributor.getContractAddress();
        chain.token().approve(distributor, epoch.totalUnits().subtract(BigInteger.ONE)).send();
        try {
            String error = fundError(chain.operator(), operatorDistributor, epoch, epoch.totalUnits());

            assertThat(error).isEqualTo("ERC20InsufficientAllowance");
            assertThat(operatorDistributor.epochProgress(epoch.epochNumber()).send().component3()).isZero();
        } finally {
            chain.token().approve(distributor, SettlementContracts.MAX_ALLOWANCE).send();
        }
    }

    @Test
    void cannotFundMoreThanTheOperatorHolds() throws Exception {
        PayoutEpoch epoch = unfundedEpoch(3);
        BigInteger held = chain.balanceOf(chain.operator().getAddress());

        String error = fundError(chain.operator(), operatorDistributor, epoch, held.add(BigInteger.ONE));

        assertThat(error).isEqualTo("ERC20InsufficientBalance");
        assertThat(operatorDistributor.epochProgress(epoch.epochNumber()).send().component3()).isZero();
    }

    @Test
    void cannotKeepMoreThanEightyEightBitsOfUnitsUnpaidForAnEpoch() throws Exception {
        PayoutEpoch epoch = unfundedEpoch(1);
        BigInteger limit = BigInteger.ONE.shiftLeft(88).subtract(BigInteger.ONE);
        chain.mintToOperator(limit.add(BigInteger.ONE));
        chain.fundEpoch(epoch.epochNumber(), limit);

        String error = fundError(chain.operator(), operatorDistributor, epoch, BigInteger.ONE);

        assertThat(error).isEqualTo("FundingTooLarge");
        assertThat(operatorDistributor.epochProgress(epoch.epochNumber()).send().component3()).isEqualTo(limit);
    }

    @Test
    void nonOperatorsCannotFundAnEpoch() throws Exception {
        PayoutEpoch epoch = unfundedEpoch(2);
        chain.mintToOperator(epoch.totalUnits());

        String error = fundError(relayer, relayerDistributor, epoch, epoch.totalUnits());

        assertThat(error).isEqualTo("AccessControlUnauthorizedAccount");
        assertThat(operatorDistributor.epochProgress(epoch.epochNumber()).send().component3()).isZero();
    }

    @Test
    void cannotFundAnEpochNotAnchored() throws Exception {
        PayoutEpoch epoch = PayoutEpoch.random(EPOCHS.getAndIncrement(), 2);
        chain.mintToOperator(epoch.totalUnits());

        String error = fundError(chain.operator(), operatorDistributor, epoch, epoch.totalUnits());

        assertThat(error).isEqualTo("EpochNotAnchored");
        assertThat(operatorDistributor.epochProgress(epoch.epochNumber()).send().component3()).isZero();
    }

    @Test
    void noProofMatchesAnEpochAnchoredWithoutPayouts() throws Exception {
        BigInteger epochNumber = BigInteger.valueOf(EPOCHS.getAndIncrement());
        chain.anchor().anchorEpoch(epochNumber, new byte[32], new byte[32], BigInteger.ZERO).send();
        PayoutEpoch stray = PayoutEpoch.random(epochNumber.longValueExact(), 1);

        String error = claimError(stray, stray.accounts().get(0), stray.amounts().get(0), stray.proof(0));

        assertThat(error).isEqualTo("InvalidProof");
    }

    @Test
    void nonOperatorsCannotPush() {
        PayoutEpoch epoch = anchoredEpoch(2);

        String error = chain.revertOf(relayer, relayerDistributor,
                relayerDistributor.pushPayouts(epoch.epochNumber(), epoch.packed(0, epoch.accounts().size())));

        assertThat(error).isEqualTo("AccessControlUnauthorizedAccount");
        assertThat(chain.balanceOf(epoch.accounts().get(0))).isZero();
    }

    @Test
    void cannotPushForAnEpochNotAnchored() {
        PayoutEpoch epoch = PayoutEpoch.random(EPOCHS.getAndIncrement(), 2);

        String error = chain.revertOf(chain.operator(), operatorDistributor,
                operatorDistributor.pushPayouts(epoch.epochNumber(), epoch.packed(0, epoch.accounts().size())));

        assertThat(error).isEqualTo("EpochNotAnchored");
    }

    @Test
    void tokenBalancesAddUpAfterClaimsAndPushes() throws Exception {
        String distributor = operatorDistributor.getContractAddress();
        BigInteger before = chain.balanceOf(distributor);
        PayoutEpoch epoch = anchoredEpoch(40);
        assertThat(chain.balanceOf(distributor)).isEqualTo(before.add(epoch.totalUnits()));
        claim(epoch, 7);
        claim(epoch, 30);
        push(epoch, 0, 20);
        push(epoch, 15, 40);

        BigInteger paid = BigInteger.ZERO;
        for (int i = 0; i < 40; i++) {
            BigInteger balance = chain.balanceOf(epoch.accounts().get(i));
            assertThat(balance).isEqualTo(epoch.amounts().get(i));
            paid = paid.add(balance);
        }
        assertThat(paid).isEqualTo(epoch.totalUnits());
        assertThat(chain.balanceOf(distributor)).isEqualTo(before);
        assertThat(operatorDistributor.epochProgress(epoch.epochNumber()).send().component2()).isEqualTo(epoch.totalUnits());
    }

    private static String lower(PayoutEpoch epoch, int index) {
        return epoch.accounts().get(index).toLowerCase();
    }
}
