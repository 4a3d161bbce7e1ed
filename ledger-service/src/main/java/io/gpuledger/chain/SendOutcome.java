package io.gpuledger.chain;

import java.util.List;
import java.util.Locale;

/**
 * What a node said to eth_sendRawTransaction, sorted by what the worker does next. Nodes word their
 * errors differently (geth, anvil, Nethermind, Erigon), so the sorting goes by well-known fragments;
 * anything unknown is retried, because wrongly failing an intent costs more than waiting.
 */
record SendOutcome(Kind kind, String message) {

    enum Kind {
        /** The node took it (or already had it): it is in a pool. */
        ACCEPTED,
        /** The nonce is used on chain: by one of the intent's attempts, or by something else. */
        NONCE_TOO_LOW,
        /** A transaction with the same nonce and higher fees is in the pool, or the fees are below the market. */
        UNDERPRICED,
        /** No node will ever take this transaction. */
        REJECTED,
        /** The node was unreachable, or refused for a reason that may pass (such as insufficient funds). */
        RETRY
    }

    private static final List<String> KNOWN = List.of("already known", "already imported", "alreadyknown",
            "known transaction");
    private static final List<String> NONCE_USED = List.of("nonce too low", "nonce has already been used",
            "oldnonce");
    private static final List<String> PRICE = List.of("underpriced", "fee too low", "feetoolow");
    private static final List<String> NEVER = List.of("intrinsic gas too low", "intrinsic gas too high",
            "exceeds block gas limit",
            "gas limit reached", "invalid sender", "invalid chain id", "oversized data", "not supported",
            "tip higher than max fee", "max priority fee per gas higher than max fee");

    static SendOutcome accepted() {
        return new SendOutcome(Kind.ACCEPTED, null);
    }

    static SendOutcome unreachable(Throwable cause) {
        return new SendOutcome(Kind.RETRY, "node unreachable (" + cause.getClass().getSimpleName() + ")");
    }

    static SendOutcome fromError(String nodeMessage) {
        String text = nodeMessage == null ? "" : nodeMessage.toLowerCase(Locale.ROOT);
        if (containsAny(text, KNOWN)) {
            return new SendOutcome(Kind.ACCEPTED, nodeMessage);
        }
        if (containsAny(text, NONCE_USED)) {
            return new SendOutcome(Kind.NONCE_TOO_LOW, nodeMessage);
        }
        if (containsAny(text, PRICE)) {
            return new SendOutcome(Kind.UNDERPRICED, nodeMessage);
        }
        if (containsAny(text, NEVER)) {
            return new SendOutcome(Kind.REJECTED, nodeMessage);
        }
        return new SendOutcome(Kind.RETRY, nodeMessage);
    }

    private static boolean containsAny(String text, List<String> fragments) {
        return fragments.stream().anyMatch(text::contains);
    }
}
