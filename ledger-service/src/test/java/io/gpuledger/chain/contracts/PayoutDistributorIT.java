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

    private static TransactionReceipt claim(PayoutEpoch epoch, int index) throws Exception {
        return relayerDistributor.claim(epoch.epochNumber(), epoch.accounts().get(index), epoch.amounts().get(index), epoch.proof(index)).send();
    }

    private static TransactionReceipt push(PayoutEpoch epoch, int from, int to) throws Exception {
        return operatorDistributor.pushPayouts(epoch.epochNumber(), epoch.accounts().subList(from, to), epoch.amounts().subList(from, to)).send();
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
        chain.fundDistributor(epoch.totalUnits());

        String error = claimError(epoch, epoch.accounts().get(0), epoch.amounts().get(0), epoch.proof(0));

        assertThat(error).isEqualTo("EpochNotAnchored");
    }

    @Test
    void pushPaysEveryAccountOfTheBatch() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(25);

        TransactionReceipt receipt = push(epoch, 0, 25);

        for (int i = 0; i < 25; i++) {
            assertThat(chain.balanceOf(epoch.accounts().get(i))).isEqualTo(epoch.amounts().get(i));
            assertThat(operatorDistributor.isPaid(epoch.epochNumber(), epoch.accounts().get(i)).send()).isTrue();
        }
        assertThat(PayoutDistributor.getPayoutPaidEvents(receipt)).hasSize(25).allSatisfy(event -> assertThat(event.pushed).isTrue());
        assertThat(operatorDistributor.epochProgress(epoch.epochNumber()).send().component2()).isEqualTo(epoch.totalUnits());
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

        assertThat(PayoutDistributor.getPayoutPaidEvents(receipt)).extracting(event -> event.account.toLowerCase())
                .containsExactly(lower(epoch, 0), lower(epoch, 1), lower(epoch, 3), lower(epoch, 4));
        assertThat(chain.balanceOf(epoch.accounts().get(2))).isEqualTo(epoch.amounts().get(2));
        assertThat(chain.balanceOf(epoch.accounts().get(5))).isEqualTo(epoch.amounts().get(5));
    }

    @Test
    void aPushSentAgainPaysNobodyTwice() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(5);
        push(epoch, 0, 5);

        TransactionReceipt again = push(epoch, 0, 5);

        assertThat(PayoutDistributor.getPayoutPaidEvents(again)).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(chain.balanceOf(epoch.accounts().get(i))).isEqualTo(epoch.amounts().get(i));
        }
    }

    @Test
    void aPushOverlappingAnEarlierOnePaysOnlyTheRest() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(8);
        push(epoch, 0, 5);

        TransactionReceipt rest = push(epoch, 3, 8);

        assertThat(PayoutDistributor.getPayoutPaidEvents(rest)).extracting(event -> event.account.toLowerCase())
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
                operatorDistributor.pushPayouts(epoch.epochNumber(), accounts, amounts));

        assertThat(error).isEqualTo("UnsortedBatch");
    }

    @Test
    void cannotPushMoreThanTheEpochsAnchoredTotal() throws Exception {
        PayoutEpoch epoch = anchoredEpoch(3);
        List<BigInteger> inflated = new ArrayList<>(epoch.amounts());
        inflated.set(1, inflated.get(1).add(BigInteger.ONE));

        String error = chain.revertOf(chain.operator(), operatorDistributor,
                operatorDistributor.pushPayouts(epoch.epochNumber(), epoch.accounts(), inflated));

        assertThat(error).isEqualTo("ExceedsEpochTotal");
        assertThat(chain.balanceOf(epoch.accounts().get(0))).isZero();
    }

    @Test
    void nonOperatorsCannotPush() {
        PayoutEpoch epoch = anchoredEpoch(2);

        String error = chain.revertOf(relayer, relayerDistributor,
                relayerDistributor.pushPayouts(epoch.epochNumber(), epoch.accounts(), epoch.amounts()));

        assertThat(error).isEqualTo("AccessControlUnauthorizedAccount");
        assertThat(chain.balanceOf(epoch.accounts().get(0))).isZero();
    }

    @Test
    void cannotPushForAnEpochNotAnchored() {
        PayoutEpoch epoch = PayoutEpoch.random(EPOCHS.getAndIncrement(), 2);
        chain.fundDistributor(epoch.totalUnits());

        String error = chain.revertOf(chain.operator(), operatorDistributor,
                operatorDistributor.pushPayouts(epoch.epochNumber(), epoch.accounts(), epoch.amounts()));

        assertThat(error).isEqualTo("EpochNotAnchored");
    }

    @Test
    void tokenBalancesAddUpAfterClaimsAndPushes() throws Exception {
        String distributor = operatorDistributor.getContractAddress();
        BigInteger before = chain.balanceOf(distributor);
        PayoutEpoch epoch = anchoredEpoch(40);
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
