package io.gpuledger.settlement.onchain;

import io.gpuledger.chain.ChainIntent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;

/**
 * The custom errors the settlement contracts revert with (their own and the OpenZeppelin ones they
 * inherit), so that a failed step reads {@code EpochAlreadyAnchored(7)} rather than a selector.
 * Every argument is one static word. {@code ContractErrorsTest} holds the list to contracts/src.
 */
final class ContractErrors {

    static final List<String> SIGNATURES = List.of(
            "EpochAlreadyAnchored(uint64)",
            "ReservedPayoutRoot(uint64)",
            "EpochNotAnchored(uint64)",
            "AlreadyPaid(uint64,address)",
            "InvalidProof(uint64,address,uint256)",
            "ExceedsEpochFunding(uint64,uint256,uint256)",
            "FundingTooLarge(uint64,uint256)",
            "UnsortedBatch(uint256)",
            "TransferFailed(address)",
            "ZeroAmount()",
            "ZeroAccount()",
            "AccessControlUnauthorizedAccount(address,bytes32)",
            "AccessControlBadConfirmation()",
            "OwnableUnauthorizedAccount(address)",
            "OwnableInvalidOwner(address)",
            "SafeERC20FailedOperation(address)",
            "ERC20InsufficientBalance(address,uint256,uint256)",
            "ERC20InvalidSender(address)",
            "ERC20InvalidReceiver(address)",
            "ERC20InsufficientAllowance(address,uint256,uint256)",
            "ERC20InvalidApprover(address)",
            "ERC20InvalidSpender(address)");

    private static final Map<String, String> BY_SELECTOR = SIGNATURES.stream()
            .collect(Collectors.toMap(s -> Hash.sha3String(s).substring(0, 10), Function.identity()));

    private ContractErrors() {
    }

    /** Why a REVERTED intent reverted: the contracts' error with its arguments, else the gateway's reason. */
    static String reasonOf(ChainIntent intent) {
        return describe(intent.revertData())
                .orElse(Objects.requireNonNullElse(intent.revertReason(), "no reason given"));
    }

    /** The error named with its arguments, when {@code revertData} (0x-hex) is one of the contracts' errors. */
    static Optional<String> describe(String revertData) {
        if (revertData == null || revertData.length() < 10) {
            return Optional.empty();
        }
        String signature = BY_SELECTOR.get(revertData.substring(0, 10));
        if (signature == null) {
            return Optional.empty();
        }
        String name = signature.substring(0, signature.indexOf('('));
        String types = signature.substring(name.length() + 1, signature.length() - 1);
        List<String> arguments = new ArrayList<>();
        String words = revertData.substring(10);
        int index = 0;
        for (String type : types.isEmpty() ? new String[0] : types.split(",")) {
            if (words.length() < 64 * (index + 1)) {
                return Optional.of(name);
            }
            arguments.add(argument(type, words.substring(64 * index, 64 * (index + 1))));
            index++;
        }
        return Optional.of(name + "(" + String.join(", ", arguments) + ")");
    }

    private static String argument(String type, String word) {
        return switch (type) {
            case "address" -> "0x" + word.substring(24);
            case "bytes32" -> "0x" + word;
            default -> new BigInteger(word, 16).toString();
        };
    }
}
