package io.gpuledger.bench;

import io.gpuledger.contracts.generated.PayoutDistributor;
import io.gpuledger.contracts.generated.SettlementToken;
import io.gpuledger.support.Anvil;
import io.gpuledger.support.PayoutEpoch;
import io.gpuledger.support.SettlementContracts;
import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Gas of the settlement contracts on a real anvil, in one run: anchoring an epoch, pushing
 * payouts to 1, 100 and 500 new holders in one transaction, claiming, and as the baseline plain
 * ERC-20 transfers to as many new holders, one transaction each. Run it with bench/gas.sh.
 */
public final class GasBench {

    private static final int[] BATCHES = {1, 100, 500};
    private static final int CLAIMS = 20;

    private long nextEpoch = 1;
    private final Anvil anvil;
    private final SettlementContracts chain;

    private GasBench(Anvil anvil) {
        this.anvil = anvil;
        this.chain = SettlementContracts.deploy(anvil);
    }

    public static void main(String[] args) throws Exception {
        try (Anvil anvil = Anvil.start()) {
            new GasBench(anvil).run();
        }
    }

    private void run() throws Exception {
        System.out.printf("Gas on %s, chain id %d; gas used as in the receipts%n%n",
                anvil.web3j().web3ClientVersion().send().getWeb3ClientVersion(), chain.chainId());

        PayoutEpoch anchored = PayoutEpoch.random(nextEpoch++, 500);
        TransactionReceipt anchor = chain.anchorAndFund(anchored);
        long calldata = calldataGas(anchor);
        long anchorGas = anchor.getGasUsed().longValueExact();
        System.out.printf("anchorEpoch: %,d gas per epoch, whatever its size (21,000 base + %,d calldata + %,d execution)%n%n",
                anchorGas, calldata, anchorGas - 21_000 - calldata);

        System.out.printf("%-38s %14s %18s %8s%n", "payout to new holders", "push gas/each", "transfer gas/each", "ratio");
        for (int recipients : BATCHES) {
            PayoutEpoch epoch = PayoutEpoch.random(nextEpoch++, recipients);
            chain.anchorAndFund(epoch);
            long push = push(epoch).getGasUsed().longValueExact();
            double pushEach = (double) push / recipients;
            double transferEach = transfers(recipients);
            System.out.printf("%-38s %,14.0f %,18.0f %8.2f%n",
                    "push of " + recipients + " (one tx, " + String.format("%,d", push) + " gas)", pushEach, transferEach, pushEach / transferEach);
        }

        PayoutEpoch again = PayoutEpoch.of(nextEpoch++, anchored.accounts(), anchored.amounts());
        chain.anchorAndFund(again);
        push(anchored);
        long returning = push(again).getGasUsed().longValueExact();
        System.out.printf("%-38s %,14.0f%n", "push of 500 returning holders", (double) returning / 500);

        PayoutEpoch claimed = PayoutEpoch.random(nextEpoch++, 500);
        chain.anchorAndFund(claimed);
        Credentials relayer = anvil.fundedAccount(10);
        PayoutDistributor asRelayer = chain.distributorAs(relayer);
        long claimGas = 0;
        for (int i = 0; i < CLAIMS; i++) {
            int index = i * 25;
            claimGas += asRelayer.claim(claimed.epochNumber(), claimed.accounts().get(index), claimed.amounts().get(index),
                    claimed.proof(index)).send().getGasUsed().longValueExact();
        }
        System.out.printf("%n%-38s %,14.0f  (average of %d claims in a 500-leaf epoch, proofs of %d hashes)%n",
                "claim by a new holder", (double) claimGas / CLAIMS, CLAIMS, claimed.proof(0).size());
    }

    private TransactionReceipt push(PayoutEpoch epoch) throws Exception {
        return chain.distributor().pushPayouts(epoch.epochNumber(), epoch.accounts(), epoch.amounts()).send();
    }

    /** Average gas of a plain transfer to a new holder, one transaction per recipient. */
    private double transfers(int recipients) throws Exception {
        Credentials holder = anvil.fundedAccount(10);
        chain.token().mint(holder.getAddress(), BigInteger.valueOf(1_000_000_000_000L)).send();
        SettlementToken asHolder = chain.tokenAs(holder);
        List<String> accounts = PayoutEpoch.random(0, recipients).accounts();
        long total = 0;
        for (String account : accounts) {
            total += asHolder.transfer(account, BigInteger.valueOf(1_000_000)).send().getGasUsed().longValueExact();
        }
        return (double) total / recipients;
    }

    private long calldataGas(TransactionReceipt receipt) throws Exception {
        String input = anvil.web3j().ethGetTransactionByHash(receipt.getTransactionHash()).send().getTransaction().orElseThrow().getInput();
        long gas = 0;
        for (byte b : Numeric.hexStringToByteArray(input)) {
            gas += b == 0 ? 4 : 16;
        }
        return gas;
    }
}
