package io.gpuledger.bench;

import io.gpuledger.contracts.generated.PayoutDistributor;
import io.gpuledger.contracts.generated.SettlementToken;
import io.gpuledger.support.Anvil;
import io.gpuledger.support.PayoutEpoch;
import io.gpuledger.support.SettlementContracts;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * Gas of the settlement contracts on a real anvil, in one run: anchoring an epoch, funding it
 * (fundEpoch, which moves the total in from the operator), pushing payouts to 1, 100 and 500 new holders
 * in one transaction, claiming, and as the baseline plain ERC-20 transfers to as many new
 * holders, one transaction each, and the floor: the same pushes by PushFloor, a bare loop of token
 * transfers that no contract paying new holders in this token can beat. Run it with bench/gas.sh.
 */
public final class GasBench {

    private static final int[] BATCHES = {1, 100, 500};
    private static final int CLAIMS = 20;

    private long nextEpoch = 1;
    private final Anvil anvil;
    private final SettlementContracts chain;
    private TransactionManager floorSender;

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
        TransactionReceipt anchor = chain.anchor(anchored);
        System.out.printf("anchorEpoch: %s per epoch, whatever its size%n", breakdown(anchor));
        TransactionReceipt empty = chain.anchor().anchorEpoch(BigInteger.valueOf(nextEpoch++), new byte[32],
                Hash.sha3("events".getBytes(StandardCharsets.UTF_8)), BigInteger.ZERO).send();
        System.out.printf("anchorEpoch of an epoch without payouts: %s%n", breakdown(empty));

        chain.mintToOperator(anchored.totalUnits());
        TransactionReceipt fund = chain.fundEpoch(anchored.epochNumber(), anchored.totalUnits());
        System.out.printf("fundEpoch, the distributor holding nothing: %s%n", breakdown(fund));
        PayoutEpoch again = PayoutEpoch.of(nextEpoch++, anchored.accounts(), anchored.amounts());
        chain.anchor(again);
        TransactionReceipt fundMore = chain.fund(again);
        System.out.printf("fundEpoch, the distributor holding other epochs' tokens: %s%n%n", breakdown(fundMore));

        System.out.printf("%-38s %14s %18s %8s %12s%n", "payout to new holders", "push gas/each", "transfer gas/each",
                "ratio", "floor/each");
        double transferEach = 0;
        String floor = deployFloor();
        for (int recipients : BATCHES) {
            PayoutEpoch epoch = PayoutEpoch.random(nextEpoch++, recipients);
            chain.anchorAndFund(epoch);
            long push = push(epoch).getGasUsed().longValueExact();
            double pushEach = (double) push / recipients;
            transferEach = transfers(recipients);
            System.out.printf("%-38s %,14.0f %,18.0f %8.2f %,12.0f%n",
                    "push of " + recipients + " (one tx, " + String.format("%,d", push) + " gas)", pushEach, transferEach,
                    pushEach / transferEach, floorEach(floor, recipients));
        }
        System.out.println("(floor: PushFloor's bare loop of token transfers to as many new holders, the least any contract"
                + " pays per holder with this token)");

        push(anchored);
        long returning = push(again).getGasUsed().longValueExact();
        System.out.printf("%-38s %,14.0f%n", "push of 500 returning holders", (double) returning / 500);

        PayoutDistributor asRelayer = chain.distributorAs(anvil.fundedAccount(10));
        PayoutEpoch firstClaims = PayoutEpoch.random(nextEpoch++, 500);
        printClaims("claim by a new holder", asRelayer, firstClaims, transferEach,
                "in a 500-leaf epoch, proofs of " + firstClaims.proof(0).size() + " hashes");
        PayoutEpoch sameHolders = PayoutEpoch.of(nextEpoch++, firstClaims.accounts(), firstClaims.amounts());
        printClaims("claim by a returning holder", asRelayer, sameHolders, transferEach,
                "the same accounts in the next epoch: they hold tokens and claimed before");

        // The same holders in an epoch of 4,000 payouts: a proof grows by one hash per doubling.
        List<String> accounts = new ArrayList<>(firstClaims.accounts());
        List<BigInteger> amounts = new ArrayList<>(firstClaims.amounts());
        PayoutEpoch others = PayoutEpoch.random(0, 3_500);
        accounts.addAll(others.accounts());
        amounts.addAll(others.amounts());
        PayoutEpoch large = PayoutEpoch.of(nextEpoch++, accounts, amounts);
        printClaims("claim by a returning holder", asRelayer, large, transferEach,
                "a 4,000-leaf epoch, proofs of " + large.proof(0).size() + " hashes");
    }

    /** Anchors and funds the epoch, then prints the average gas of claims of every 25th of its first 500 payouts. */
    private void printClaims(String what, PayoutDistributor asRelayer, PayoutEpoch epoch, double transferEach,
                             String note) throws Exception {
        chain.anchorAndFund(epoch);
        long gas = 0;
        for (int i = 0; i < CLAIMS; i++) {
            int index = i * 25;
            gas += asRelayer.claim(epoch.epochNumber(), epoch.accounts().get(index), epoch.amounts().get(index),
                    epoch.proof(index)).send().getGasUsed().longValueExact();
        }
        double each = (double) gas / CLAIMS;
        System.out.printf("%-38s %,14.0f %,18.0f %8.2f  (average of %d claims; %s)%n",
                what, each, transferEach, each / transferEach, CLAIMS, note);
    }

    private TransactionReceipt push(PayoutEpoch epoch) throws Exception {
        return chain.distributor().pushPayouts(epoch.epochNumber(), epoch.packed(0, epoch.accounts().size())).send();
    }

    /** Deploys contracts/bench/PushFloor.sol, as compiled by the build, and gives it tokens to pay out. */
    private String deployFloor() throws Exception {
        String bin = Files.readString(Path.of("contracts/target/solc/PushFloor.bin")).trim();
        String address = send(null, bin).getContractAddress();
        chain.token().mint(address, BigInteger.valueOf(1_000_000_000_000_000L)).send();
        return address;
    }

    /** Gas per recipient of PushFloor paying as many new holders as a push does, in one transaction. */
    private double floorEach(String floor, int recipients) throws Exception {
        PayoutEpoch epoch = PayoutEpoch.random(0, recipients);
        String data = FunctionEncoder.encode(new Function("drop", List.of(new Address(chain.token().getContractAddress()),
                new DynamicArray<>(Uint256.class, epoch.packed(0, recipients).stream().map(Uint256::new).toList())),
                List.of()));
        return (double) send(floor, data).getGasUsed().longValueExact() / recipients;
    }

    /** Sends from an account of its own, so that no wrapper's count of the operator's nonces goes stale. */
    private TransactionReceipt send(String to, String data) throws Exception {
        if (floorSender == null) {
            floorSender = chain.transactionManager(anvil.fundedAccount(10));
        }
        String hash = floorSender.sendTransaction(BigInteger.valueOf(50_000_000_000L), SettlementContracts.GAS_LIMIT,
                to, data, BigInteger.ZERO, to == null).getTransactionHash();
        TransactionReceipt receipt = new PollingTransactionReceiptProcessor(anvil.web3j(), 50, 600)
                .waitForTransactionReceipt(hash);
        if (!receipt.isStatusOK()) {
            throw new IllegalStateException("the floor's transaction " + hash + " failed");
        }
        return receipt;
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

    private String breakdown(TransactionReceipt receipt) throws Exception {
        long gas = receipt.getGasUsed().longValueExact();
        long calldata = calldataGas(receipt);
        return String.format("%,d gas (21,000 base + %,d calldata + %,d execution)", gas, calldata, gas - 21_000 - calldata);
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
