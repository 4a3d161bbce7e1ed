package io.gpuledger.chain;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.springframework.stereotype.Component;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * The ledger's one connection to the chain: the only owner of the {@code Web3j} client. Reads throw
 * {@link ChainUnavailable} when the node is down or errs; sends never throw and say what happened.
 */
@Component
public class ChainNode {

    /** Used when a node does not implement eth_maxPriorityFeePerGas: 1 gwei, what wallets commonly tip. */
    private static final BigInteger FALLBACK_PRIORITY_FEE = BigInteger.TEN.pow(9);

    private final Web3j web3j;

    ChainNode(ChainProperties properties) {
        if (!properties.enabled()) {
            this.web3j = null;
            return;
        }
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(properties.rpcTimeout())
                .readTimeout(properties.rpcTimeout())
                .writeTimeout(properties.rpcTimeout())
                .build();
        this.web3j = Web3j.build(new HttpService(properties.rpcUrl(), http));
    }

    long chainId() {
        return call("eth_chainId", web3j().ethChainId()).getChainId().longValueExact();
    }

    long headNumber() {
        return call("eth_blockNumber", web3j().ethBlockNumber()).getBlockNumber().longValueExact();
    }

    /** The address's balance of the chain's own currency, in wei: what pays for gas. */
    BigInteger balanceWei(String address) {
        return call("eth_getBalance", web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST)).getBalance();
    }

    /** How many transactions of {@code address} the chain holds at {@code at} ('pending' counts the pool too). */
    long transactionCount(String address, DefaultBlockParameter at) {
        return call("eth_getTransactionCount", web3j().ethGetTransactionCount(address, at))
                .getTransactionCount().longValueExact();
    }

    /** Fees that get a transaction into one of the next few blocks at today's prices. */
    Fees marketFees() {
        EthBlock.Block head = call("eth_getBlockByNumber", web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false))
                .getBlock();
        BigInteger baseFee = head.getBaseFeePerGas() == null ? BigInteger.ZERO : head.getBaseFeePerGas();
        BigInteger priority;
        try {
            var answer = web3j().ethMaxPriorityFeePerGas().send();
            priority = answer.hasError() ? FALLBACK_PRIORITY_FEE : answer.getMaxPriorityFeePerGas();
        } catch (IOException e) {
            throw new ChainUnavailable("eth_maxPriorityFeePerGas", e);
        }
        return Fees.forNextBlocks(baseFee, priority);
    }

    SendOutcome send(String rawTransaction) {
        try {
            EthSendTransaction answer = web3j().ethSendRawTransaction(rawTransaction).send();
            return answer.hasError() ? SendOutcome.fromError(answer.getError().getMessage()) : SendOutcome.accepted();
        } catch (IOException | RuntimeException e) {
            return SendOutcome.unreachable(e);
        }
    }

    Optional<MinedTx> receipt(String txHash) {
        Optional<TransactionReceipt> receipt = call("eth_getTransactionReceipt",
                web3j().ethGetTransactionReceipt(txHash)).getTransactionReceipt();
        return receipt.filter(r -> r.getBlockHash() != null && r.getBlockNumber() != null)
                .map(r -> new MinedTx(txHash, r.getBlockNumber().longValueExact(), r.getBlockHash(), r.isStatusOK()));
    }

    /** Whether the node has the transaction at all, in its pool or in a block. */
    boolean knows(String txHash) {
        return call("eth_getTransactionByHash", web3j().ethGetTransactionByHash(txHash)).getTransaction().isPresent();
    }

    Optional<String> blockHash(long number) {
        EthBlock.Block block = call("eth_getBlockByNumber",
                web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)).getBlock();
        return Optional.ofNullable(block).map(EthBlock.Block::getHash);
    }

    /**
     * Why a mined transaction reverted: the same call replayed on the state it started from (the
     * block before its own). Later transactions of that block are not replayed, so the answer is the
     * node's best account, not proof.
     */
    Revert revertReason(ChainIntent intent, long blockNumber) {
        Transaction replay = Transaction.createFunctionCallTransaction(intent.signerAddress(), null, null,
                BigInteger.valueOf(intent.gasLimit()), intent.to(), intent.valueWei(), intent.data());
        EthCall answer = call("eth_call", web3j().ethCall(replay,
                DefaultBlockParameter.valueOf(BigInteger.valueOf(Math.max(0, blockNumber - 1)))), true);
        if (answer.hasError()) {
            return Revert.of(answer.getError().getMessage(), answer.getError().getData(), null);
        }
        if (answer.isReverted()) {
            return Revert.of(null, null, answer.getValue());
        }
        return new Revert("reverted; replaying the call did not reproduce the revert", null);
    }

    /** The bytes {@code data} returns when called on {@code to} at the latest block; a revert is an error. */
    String call(String to, String data) {
        Transaction call = Transaction.createEthCallTransaction(null, to, data);
        EthCall answer = call("eth_call", web3j().ethCall(call, DefaultBlockParameterName.LATEST), true);
        if (answer.hasError() || answer.isReverted()) {
            throw new ChainUnavailable("eth_call", answer.hasError() ? answer.getError().getMessage()
                    : "reverted: " + answer.getRevertReason());
        }
        return answer.getValue();
    }

    List<ChainLog> logs(String address, List<String> topics, long fromBlock, long toBlock) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), address);
        for (String topic : topics) {
            if (topic == null) {
                filter.addNullTopic();
            } else {
                filter.addSingleTopic(topic);
            }
        }
        List<ChainLog> logs = new ArrayList<>();
        for (EthLog.LogResult<?> result : call("eth_getLogs", web3j().ethGetLogs(filter)).getLogs()) {
            if (result.get() instanceof Log log && !log.isRemoved()) {
                logs.add(chainLog(log));
            }
        }
        return logs;
    }

    Optional<List<ChainLog>> receiptLogs(String txHash) {
        return call("eth_getTransactionReceipt", web3j().ethGetTransactionReceipt(txHash)).getTransactionReceipt()
                .filter(r -> r.getBlockNumber() != null)
                .map(r -> r.getLogs().stream().map(ChainNode::chainLog).toList());
    }

    private static ChainLog chainLog(Log log) {
        return new ChainLog(lower(log.getAddress()), log.getTopics().stream().map(ChainNode::lower).toList(),
                lower(log.getData()), log.getBlockNumber().longValueExact(), lower(log.getBlockHash()),
                lower(log.getTransactionHash()), log.getLogIndex().longValueExact());
    }

    private static String lower(String hex) {
        return hex == null ? null : hex.toLowerCase(Locale.ROOT);
    }

    @PreDestroy
    void close() {
        if (web3j != null) {
            web3j.shutdown();
        }
    }

    private Web3j web3j() {
        if (web3j == null) {
            throw new ChainNotConfigured();
        }
        return web3j;
    }

    private static <T extends Response<?>> T call(String method, Request<?, T> request) {
        return call(method, request, false);
    }

    private static <T extends Response<?>> T call(String method, Request<?, T> request, boolean errorIsAnswer) {
        T response;
        try {
            response = request.send();
        } catch (IOException e) {
            throw new ChainUnavailable(method, e);
        }
        if (response.hasError() && !errorIsAnswer) {
            throw new ChainUnavailable(method, response.getError().getMessage());
        }
        return response;
    }
}
