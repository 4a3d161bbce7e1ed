package io.gpuledger.chain;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The ledger's way to put a transaction on the chain exactly once. A caller names the intent
 * (say, "anchor-epoch-7") and the call; the gateway stores it signed, sends it, and its worker sees
 * it through replacements, node restarts and reorgs to CONFIRMED, REVERTED or FAILED. Submitting
 * the same intent again returns it as it stands; the same id with another call is refused.
 */
@Service
public class ChainGateway {

    private final ChainAccount account;
    private final ChainProperties properties;
    private final IntentStore store;
    private final Attempts attempts;
    private final ChainWorker worker;

    ChainGateway(ChainAccount account, ChainProperties properties, IntentStore store, Attempts attempts,
                 ChainWorker worker) {
        this.account = account;
        this.properties = properties;
        this.store = store;
        this.attempts = attempts;
        this.worker = worker;
    }

    /**
     * Submits {@code valueWei} and {@code data} (hex calldata, may be empty) to {@code to} with
     * {@code gasLimit}, once per {@code intentId}. Returns the stored intent; when this call stored
     * it, it was also sent. The transaction is committed before it is sent, so a crash in between
     * loses nothing: the worker sends it.
     *
     * @throws IllegalArgumentException   when an argument is malformed (nothing stored)
     * @throws ChainNotConfigured         when the ledger runs without a chain
     * @throws ChainUnavailable           when a new intent needs the node (fees, first nonce) and it is down
     * @throws LedgerRejection            CHAIN_INTENT_CONFLICT when the id was used for another transaction
     */
    public ChainIntent submit(String intentId, String to, BigInteger valueWei, String data, BigInteger gasLimit) {
        account.requireEnabled();
        IntentRequest request = IntentRequest.of(intentId, to, valueWei, data, gasLimit);
        Optional<ChainIntent> earlier = store.find(intentId);
        if (earlier.isPresent()) {
            return sameOrConflict(request, earlier.get());
        }
        ChainIntent stored = sameOrConflict(request, attempts.storeNew(request));
        List<TxAttempt> all = store.attempts(intentId);
        if (all.size() == 1 && all.get(0).sentAt() == null) {
            // Best effort: if the node refuses or is down, the worker tries again.
            attempts.send(all.get(0));
        }
        worker.wakeUp();
        return store.find(intentId).orElse(stored);
    }

    /** The intent as it stands, if it was ever submitted. */
    public Optional<ChainIntent> intent(String intentId) {
        return store.find(intentId);
    }

    /** Every signed attempt of an intent, first first: all of them were candidates to be mined. */
    public List<TxAttempt> attempts(String intentId) {
        return store.attempts(intentId);
    }

    public boolean enabled() {
        return account.enabled();
    }

    /** @throws ChainNotConfigured when the ledger runs without a chain */
    public ChainInfo info() {
        account.requireEnabled();
        return new ChainInfo(account.chainId(), properties.tokenAddress(), properties.tokenDecimals(),
                properties.anchorAddress(), properties.distributorAddress(), properties.escrowAddress(),
                account.signer().address(), properties.confirmations());
    }

    /**
     * The domain signed usage is checked under: the chain id and the anchor's address as configured,
     * which a ledger knows even while its node is not reachable.
     *
     * @throws ChainNotConfigured when neither a chain id nor an anchor address is configured
     */
    public UsageSigningDomain usageSigningDomain() {
        Long chainId = account.chainIdOrNull();
        if (chainId == null || properties.anchorAddress() == null) {
            throw new ChainNotConfigured();
        }
        return new UsageSigningDomain(chainId, properties.anchorAddress());
    }

    /**
     * Stores an intent exactly as {@link #submit} does but does not send it: what a crash right
     * after the commit leaves behind. Tests use it to prove that the worker finishes such intents.
     */
    ChainIntent storeWithoutSending(String intentId, String to, BigInteger valueWei, String data, BigInteger gasLimit) {
        account.requireEnabled();
        IntentRequest request = IntentRequest.of(intentId, to, valueWei, data, gasLimit);
        return sameOrConflict(request, attempts.storeNew(request));
    }

    private static ChainIntent sameOrConflict(IntentRequest request, ChainIntent stored) {
        if (!request.sameTransactionAs(stored)) {
            throw new LedgerRejection(RejectionCode.CHAIN_INTENT_CONFLICT, "intentId",
                    "intent " + request.intentId() + " was submitted before with a different transaction");
        }
        return stored;
    }
}
