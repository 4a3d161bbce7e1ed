package io.gpuledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.Contract;

/**
 * Names the custom error a contract call reverts with. It simulates the call to read the revert
 * data, then sends it for real and requires that the mined transaction failed.
 */
public final class Reverts {

    private static final List<String> ERRORS = List.of(
            "EpochAlreadyAnchored(uint64)",
            "ReservedPayoutRoot(uint64)",
            "EpochNotAnchored(uint64)",
            "AlreadyPaid(uint64,address)",
            "InvalidProof(uint64,address,uint256)",
            "ExceedsEpochFunding(uint64,uint256,uint256)",
            "FundingTooLarge(uint64,uint256)",
            "UnsortedBatch(uint256)",
            "TransferFailed(address)",
            "ZeroAccount()",
            "ZeroAmount()",
            "AccessControlUnauthorizedAccount(address,bytes32)",
            "OwnableUnauthorizedAccount(address)",
            "ERC20InsufficientBalance(address,uint256,uint256)",
            "ERC20InsufficientAllowance(address,uint256,uint256)");

    private static final Map<String, String> NAME_BY_SELECTOR = ERRORS.stream().collect(Collectors.toMap(
            signature -> Hash.sha3String(signature).substring(0, 10), signature -> signature.substring(0, signature.indexOf('('))));

    private Reverts() {
    }

    /** The name of the custom error that {@code call} to {@code contract}, sent by {@code from}, reverts with. */
    public static String errorOf(Web3j web3j, String from, Contract contract, RemoteFunctionCall<TransactionReceipt> call) {
        String revertData = simulate(web3j, from, contract.getContractAddress(), call.encodeFunctionCall());
        try {
            TransactionReceipt receipt = call.send();
            throw new AssertionError("expected a revert, but the transaction succeeded: " + receipt.getTransactionHash());
        } catch (TransactionException expected) {
            // the transaction was mined and failed, as the simulation said
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return NAME_BY_SELECTOR.getOrDefault(revertData.substring(0, Math.min(10, revertData.length())), revertData);
    }

    private static String simulate(Web3j web3j, String from, String to, String data) {
        try {
            EthCall result = web3j.ethCall(Transaction.createEthCallTransaction(from, to, data),
                    DefaultBlockParameterName.LATEST).send();
            if (!result.hasError() && !result.isReverted()) {
                throw new AssertionError("expected a revert, but the call succeeded");
            }
            String revertData = result.hasError() && result.getError().getData() != null
                    ? result.getError().getData().replace("\"", "") : result.getValue();
            return revertData == null ? "" : revertData;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
