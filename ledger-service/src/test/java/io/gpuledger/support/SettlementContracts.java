package io.gpuledger.support;

import io.gpuledger.contracts.generated.PayoutDistributor;
import io.gpuledger.contracts.generated.PrepaidEscrow;
import io.gpuledger.contracts.generated.SettlementAnchor;
import io.gpuledger.contracts.generated.SettlementToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;
import org.web3j.tx.FastRawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The settlement contracts deployed on an anvil by a fresh funded account that is their
 * admin, operator, token owner and escrow owner; {@code as(...)} methods load them for another signer.
 */
public final class SettlementContracts {

    /** Below the 2^24 per-transaction cap of recent forks, so batches sized here run on mainnets too. */
    public static final BigInteger MAX_ALLOWANCE = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    public static final BigInteger GAS_LIMIT = BigInteger.valueOf(16_000_000);

    private final Anvil anvil;
    private final long chainId;
    private final Credentials operator;
    private final SettlementToken token;
    private final SettlementAnchor anchor;
    private final PayoutDistributor distributor;
    private final PrepaidEscrow escrow;

    private SettlementContracts(Anvil anvil, long chainId, Credentials operator, SettlementToken token,
            SettlementAnchor anchor, PayoutDistributor distributor, PrepaidEscrow escrow) {
        this.anvil = anvil;
        this.chainId = chainId;
        this.operator = operator;
        this.token = token;
        this.anchor = anchor;
        this.distributor = distributor;
        this.escrow = escrow;
    }

    public static SettlementContracts deploy(Anvil anvil) {
        try {
            long chainId = anvil.web3j().ethChainId().send().getChainId().longValueExact();
            Credentials operator = anvil.fundedAccount(1_000);
            String admin = operator.getAddress();
            TransactionManager tx = transactionManager(anvil, chainId, operator);
            ContractGasProvider gas = gasProvider(chainId);
            SettlementToken token = SettlementToken.deploy(anvil.web3j(), tx, gas, "Settlement USD", "sUSD", admin).send();
            SettlementAnchor anchor = SettlementAnchor.deploy(anvil.web3j(), tx, gas, admin, admin).send();
            PayoutDistributor distributor = PayoutDistributor.deploy(anvil.web3j(), tx, gas,
                    token.getContractAddress(), anchor.getContractAddress(), admin, admin).send();
            PrepaidEscrow escrow = PrepaidEscrow.deploy(anvil.web3j(), tx, gas, token.getContractAddress()).send();
            // fundEpoch pulls each epoch's tokens from the operator, as a ledger's operator allows once.
            token.approve(distributor.getContractAddress(), MAX_ALLOWANCE).send();
            return new SettlementContracts(anvil, chainId, operator, token, anchor, distributor, escrow);
        } catch (Exception e) {
            throw new IllegalStateException("could not deploy the settlement contracts", e);
        }
    }

    public long chainId() {
        return chainId;
    }

    public Credentials operator() {
        return operator;
    }

    public SettlementToken token() {
        return token;
    }

    public SettlementAnchor anchor() {
        return anchor;
    }

    public PayoutDistributor distributor() {
        return distributor;
    }

    /** The prepaid escrow, owned by the operator. */
    public PrepaidEscrow escrow() {
        return escrow;
    }

    public SettlementToken tokenAs(Credentials signer) {
        return SettlementToken.load(token.getContractAddress(), anvil.web3j(), transactionManager(signer), gasProvider(chainId));
    }

    public SettlementAnchor anchorAs(Credentials signer) {
        return SettlementAnchor.load(anchor.getContractAddress(), anvil.web3j(), transactionManager(signer), gasProvider(chainId));
    }

    public PayoutDistributor distributorAs(Credentials signer) {
        return PayoutDistributor.load(distributor.getContractAddress(), anvil.web3j(), transactionManager(signer), gasProvider(chainId));
    }

    public PrepaidEscrow escrowAs(Credentials signer) {
        return PrepaidEscrow.load(escrow.getContractAddress(), anvil.web3j(), transactionManager(signer), gasProvider(chainId));
    }

    /**
     * The environment variables of the API contract that point a ledger at this chain and these
     * contracts, with {@code signer} sending its transactions.
     */
    public Map<String, String> ledgerEnvironment(Credentials signer) {
        return Map.of(
                "LEDGER_CHAIN_RPC_URL", anvil.rpcUrl(),
                "LEDGER_CHAIN_ID", Long.toString(chainId),
                "LEDGER_SIGNER_KEY", Numeric.toHexStringNoPrefixZeroPadded(signer.getEcKeyPair().getPrivateKey(), 64),
                "LEDGER_TOKEN_ADDRESS", token.getContractAddress(),
                "LEDGER_ANCHOR_ADDRESS", anchor.getContractAddress(),
                "LEDGER_DISTRIBUTOR_ADDRESS", distributor.getContractAddress(),
                "LEDGER_ESCROW_ADDRESS", escrow.getContractAddress());
    }

    /** Anchors the epoch's payout root and total, with an events root derived from its number. */
    public TransactionReceipt anchor(PayoutEpoch epoch) {
        try {
            byte[] eventsRoot = Hash.sha3(("events of epoch " + epoch.epoch()).getBytes(StandardCharsets.UTF_8));
            return anchor.anchorEpoch(epoch.epochNumber(), epoch.payoutRoot(), eventsRoot, epoch.totalUnits()).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Lets {@code ledgerSigner} run settlement as a ledger does: the operator role on the anchor and
     * the distributor and, with {@code ownToken}, ownership of the token so that it can mint.
     */
    public void handOverTo(String ledgerSigner, boolean ownToken) {
        try {
            anchor.grantRole(anchor.OPERATOR_ROLE().send(), ledgerSigner).send();
            distributor.grantRole(distributor.OPERATOR_ROLE().send(), ledgerSigner).send();
            if (ownToken) {
                token.transferOwnership(ledgerSigner).send();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new account of the chain that holds 100 tokens, minted by {@code tokenOwner}, and lets the
     * escrow pull them: a tenant's wallet, ready to deposit.
     */
    public Credentials depositor(Anvil anvil, Credentials tokenOwner) {
        try {
            Credentials depositor = anvil.fundedAccount(1);
            tokenAs(tokenOwner).mint(depositor.getAddress(), BigInteger.valueOf(100_000_000)).send();
            tokenAs(depositor).approve(escrow.getContractAddress(), MAX_ALLOWANCE).send();
            return depositor;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deposits into the escrow for a marketplace's tenant, the account key as the contract computes it. */
    public TransactionReceipt deposit(Credentials from, String marketplaceId, String tenantId, BigInteger units) {
        try {
            return escrowAs(from).deposit(escrow.accountOf(marketplaceId, tenantId).send(), units).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Funds the epoch as the ledger does on a test chain: mints its total to the operator, then
     * {@code fundEpoch} moves it into the distributor for the epoch. Returns the receipt of
     * {@code fundEpoch}.
     */
    public TransactionReceipt fund(PayoutEpoch epoch) {
        mintToOperator(epoch.totalUnits());
        return fundEpoch(epoch.epochNumber(), epoch.totalUnits());
    }

    /** Mints {@code units} to the operator, out of which {@code fundEpoch} funds epochs. */
    public void mintToOperator(BigInteger units) {
        try {
            token.mint(operator.getAddress(), units).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Anchors the epoch, then funds it with its total; returns the receipt of the anchoring. */
    public TransactionReceipt anchorAndFund(PayoutEpoch epoch) {
        TransactionReceipt receipt = anchor(epoch);
        fund(epoch);
        return receipt;
    }

    /** Mints {@code units} straight to the distributor: tokens that no epoch was funded with, so none can pay them. */
    public void mintToDistributor(BigInteger units) {
        try {
            token.mint(distributor.getContractAddress(), units).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Funds {@code epoch} with {@code units} of the operator's tokens. */
    public TransactionReceipt fundEpoch(BigInteger epoch, BigInteger units) {
        try {
            return distributor.fundEpoch(epoch, units).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public BigInteger balanceOf(String account) {
        try {
            return token.balanceOf(account).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The custom error that {@code call}, sent by {@code signer} to {@code contract}, reverts with. */
    public String revertOf(Credentials signer, Contract contract, RemoteFunctionCall<TransactionReceipt> call) {
        return Reverts.errorOf(anvil.web3j(), signer.getAddress(), contract, call);
    }

    public TransactionManager transactionManager(Credentials signer) {
        return transactionManager(anvil, chainId, signer);
    }

    public ContractGasProvider gasProvider() {
        return gasProvider(chainId);
    }

    public Web3j web3j() {
        return anvil.web3j();
    }

    /**
     * Every payout the distributor's logs record for the epoch: its claims' PayoutPaid logs, then the
     * payouts its pushes' PayoutsPushed logs list, as PayoutPaid responses with {@code pushed} set.
     */
    public List<PayoutDistributor.PayoutPaidEventResponse> payoutPaidLogs(long epoch) {
        String address = distributor.getContractAddress();
        List<PayoutDistributor.PayoutPaidEventResponse> paid = new ArrayList<>(
                epochLogs(address, EventEncoder.encode(PayoutDistributor.PAYOUTPAID_EVENT), epoch)
                        .stream().map(PayoutDistributor::getPayoutPaidEventFromLog).toList());
        epochLogs(address, EventEncoder.encode(PayoutDistributor.PAYOUTSPUSHED_EVENT), epoch).stream()
                .map(PayoutDistributor::getPayoutsPushedEventFromLog)
                .forEach(pushed -> paid.addAll(unpacked(pushed)));
        return paid;
    }

    /** The payouts that a push transaction's PayoutsPushed log lists, as PayoutPaid responses. */
    public static List<PayoutDistributor.PayoutPaidEventResponse> pushedPayouts(TransactionReceipt receipt) {
        return PayoutDistributor.getPayoutsPushedEvents(receipt).stream().flatMap(e -> unpacked(e).stream()).toList();
    }

    private static List<PayoutDistributor.PayoutPaidEventResponse> unpacked(
            PayoutDistributor.PayoutsPushedEventResponse pushed) {
        return pushed.payouts.stream().map(word -> {
            PayoutDistributor.PayoutPaidEventResponse paid = new PayoutDistributor.PayoutPaidEventResponse();
            paid.epoch = pushed.epoch;
            paid.account = Keys.toChecksumAddress(Numeric.toHexStringWithPrefixZeroPadded(
                    word.and(BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE)), 40));
            paid.amount = word.shiftRight(160);
            paid.pushed = true;
            paid.log = pushed.log;
            return paid;
        }).toList();
    }

    /** How many EpochAnchored logs the anchor contract holds for the epoch. */
    public int epochAnchoredLogCount(long epoch) {
        return epochLogs(anchor.getContractAddress(), EventEncoder.encode(SettlementAnchor.EPOCHANCHORED_EVENT), epoch)
                .size();
    }

    private List<Log> epochLogs(String address, String topic, long epoch) {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, address);
        filter.addSingleTopic(topic);
        filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(epoch), 64));
        try {
            List<Log> logs = new ArrayList<>();
            for (EthLog.LogResult<?> result : anvil.web3j().ethGetLogs(filter).send().getLogs()) {
                logs.add((Log) result.get());
            }
            return logs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A random address that holds nothing yet, checksummed. */
    public static String freshAddress() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Keys.toChecksumAddress(Numeric.toHexString(bytes));
    }

    private static TransactionManager transactionManager(Anvil anvil, long chainId, Credentials signer) {
        // anvil mines each transaction at once, so the receipt is there on the first poll.
        return new FastRawTransactionManager(anvil.web3j(), signer, chainId,
                new PollingTransactionReceiptProcessor(anvil.web3j(), 20, 500));
    }

    private static ContractGasProvider gasProvider(long chainId) {
        return new StaticEIP1559GasProvider(chainId, BigInteger.valueOf(50_000_000_000L), BigInteger.valueOf(1_000_000_000L), GAS_LIMIT);
    }
}
