package io.gpuledger.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.contracts.generated.PrepaidEscrow;
import io.gpuledger.contracts.generated.SettlementToken;
import io.gpuledger.support.Anvil;
import io.gpuledger.support.NodeScripts;
import io.gpuledger.support.SettlementContracts;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

class PrepaidEscrowIT {

    private static final BigInteger UNITS = BigInteger.valueOf(5_000_000);
    private static final AtomicInteger TENANTS = new AtomicInteger();

    private static Anvil anvil;
    private static SettlementContracts chain;

    @BeforeAll
    static void deploy() {
        anvil = Anvil.start();
        chain = SettlementContracts.deploy(anvil);
    }

    @AfterAll
    static void stop() {
        anvil.close();
    }

    /** The account key, computed as the API contract states it and independently of the contract. */
    private static byte[] accountKey(String marketplaceId, String tenantId) {
        return Numeric.hexStringToByteArray(Hash.sha3String(marketplaceId + "/" + tenantId));
    }

    private static byte[] freshAccountKey() {
        return accountKey("mkt", "tenant-" + TENANTS.incrementAndGet());
    }

    /** A fresh funded account holding {@code units} of the token, with the escrow allowed to take them. */
    private static Credentials depositor(BigInteger units) throws Exception {
        Credentials depositor = anvil.fundedAccount(1);
        chain.token().mint(depositor.getAddress(), units).send();
        chain.tokenAs(depositor).approve(chain.escrow().getContractAddress(), units).send();
        return depositor;
    }

    /**
     * An escrow of its own, empty, deployed (and so owned) by a fresh account: the operator's
     * transactions all go through the harness's contracts, whose transaction manager counts its nonces.
     */
    private static OwnedEscrow freshEscrow() throws Exception {
        Credentials owner = anvil.fundedAccount(1);
        PrepaidEscrow escrow = PrepaidEscrow.deploy(chain.web3j(), chain.transactionManager(owner), chain.gasProvider(),
                chain.token().getContractAddress()).send();
        return new OwnedEscrow(owner, escrow);
    }

    private record OwnedEscrow(Credentials owner, PrepaidEscrow escrow) {

        String address() {
            return escrow.getContractAddress();
        }

        /** Mints {@code units} to a fresh account, which approves and deposits them for a fresh tenant. */
        TransactionReceipt depositFromFreshHolder(BigInteger units) throws Exception {
            return depositFromFreshHolder(units, units, units);
        }

        /** As above, the holder holding {@code held} and approving {@code approved} before it deposits. */
        TransactionReceipt depositFromFreshHolder(BigInteger units, BigInteger held, BigInteger approved)
                throws Exception {
            Credentials depositor = anvil.fundedAccount(1);
            chain.token().mint(depositor.getAddress(), held).send();
            chain.tokenAs(depositor).approve(address(), approved).send();
            return PrepaidEscrow.load(address(), chain.web3j(), chain.transactionManager(depositor), chain.gasProvider())
                    .deposit(freshAccountKey(), units).send();
        }
    }

    @Test
    void aDepositPullsTheTokensAndLogsThemForTheTenantsAccount() throws Exception {
        Credentials depositor = depositor(UNITS);
        PrepaidEscrow escrow = chain.escrowAs(depositor);
        BigInteger before = chain.balanceOf(escrow.getContractAddress());
        byte[] account = accountKey("mkt", "tenant");

        TransactionReceipt receipt = escrow.deposit(account, UNITS).send();

        assertThat(chain.balanceOf(depositor.getAddress())).isZero();
        assertThat(chain.balanceOf(escrow.getContractAddress())).isEqualTo(before.add(UNITS));
        assertThat(PrepaidEscrow.getDepositedEvents(receipt)).singleElement().satisfies(event -> {
            assertThat(event.account).isEqualTo(account);
            assertThat(event.from).isEqualToIgnoringCase(depositor.getAddress());
            assertThat(event.amount).isEqualTo(UNITS);
        });
        Log log = receipt.getLogs().stream()
                .filter(l -> l.getAddress().equalsIgnoreCase(escrow.getContractAddress())).findFirst().orElseThrow();
        assertThat(log.getTopics()).containsExactly(EventEncoder.encode(PrepaidEscrow.DEPOSITED_EVENT),
                Hash.sha3String("mkt/tenant"), Numeric.toHexStringWithPrefixZeroPadded(
                        Numeric.toBigInt(depositor.getAddress()), 64));
        assertThat(escrow.accountOf("mkt", "tenant").send()).isEqualTo(account);
    }

    @Test
    void refusesAnEmptyDepositAndTheZeroAccount() throws Exception {
        Credentials depositor = depositor(UNITS);
        PrepaidEscrow escrow = chain.escrowAs(depositor);

        String empty = chain.revertOf(depositor, escrow, escrow.deposit(freshAccountKey(), BigInteger.ZERO));
        String zeroAccount = chain.revertOf(depositor, escrow, escrow.deposit(new byte[32], UNITS));

        assertThat(empty).isEqualTo("ZeroAmount");
        assertThat(zeroAccount).isEqualTo("ZeroAccount");
        assertThat(chain.balanceOf(depositor.getAddress())).isEqualTo(UNITS);
    }

    @Test
    void aDepositWithoutAllowanceReverts() throws Exception {
        Credentials depositor = anvil.fundedAccount(1);
        chain.token().mint(depositor.getAddress(), UNITS).send();
        PrepaidEscrow escrow = chain.escrowAs(depositor);

        String error = chain.revertOf(depositor, escrow, escrow.deposit(freshAccountKey(), UNITS));

        assertThat(error).isEqualTo("ERC20InsufficientAllowance");
        assertThat(chain.balanceOf(depositor.getAddress())).isEqualTo(UNITS);
    }

    @Test
    void aDepositBeyondTheBalanceReverts() throws Exception {
        Credentials depositor = depositor(UNITS);
        chain.tokenAs(depositor).approve(chain.escrow().getContractAddress(), UNITS.add(BigInteger.ONE)).send();
        PrepaidEscrow escrow = chain.escrowAs(depositor);

        String error = chain.revertOf(depositor, escrow, escrow.deposit(freshAccountKey(), UNITS.add(BigInteger.ONE)));

        assertThat(error).isEqualTo("ERC20InsufficientBalance");
    }

    @Test
    void theDeployerOwnsTheEscrowOfTheToken() throws Exception {
        assertThat(chain.escrow().owner().send()).isEqualToIgnoringCase(chain.operator().getAddress());
        assertThat(chain.escrow().token().send()).isEqualToIgnoringCase(chain.token().getContractAddress());
    }

    @Test
    void theOwnerReleasesDepositedTokensAndNobodyElseCan() throws Exception {
        OwnedEscrow owned = freshEscrow();
        PrepaidEscrow escrow = owned.escrow();
        owned.depositFromFreshHolder(UNITS);
        Credentials stranger = anvil.fundedAccount(1);
        String distributor = chain.distributor().getContractAddress();
        BigInteger distributorBefore = chain.balanceOf(distributor);

        TransactionReceipt receipt = escrow.release(distributor, BigInteger.valueOf(3_000_000)).send();

        assertThat(chain.balanceOf(distributor)).isEqualTo(distributorBefore.add(BigInteger.valueOf(3_000_000)));
        assertThat(chain.balanceOf(escrow.getContractAddress())).isEqualTo(BigInteger.valueOf(2_000_000));
        assertThat(PrepaidEscrow.getReleasedEvents(receipt)).singleElement().satisfies(event -> {
            assertThat(event.to).isEqualToIgnoringCase(distributor);
            assertThat(event.amount).isEqualTo(BigInteger.valueOf(3_000_000));
        });
        PrepaidEscrow asStranger = PrepaidEscrow.load(escrow.getContractAddress(), chain.web3j(),
                chain.transactionManager(stranger), chain.gasProvider());
        String byStranger = chain.revertOf(stranger, asStranger, asStranger.release(stranger.getAddress(), BigInteger.ONE));
        String beyond = chain.revertOf(owned.owner(), escrow, escrow.release(distributor, BigInteger.valueOf(2_000_001)));
        String empty = chain.revertOf(owned.owner(), escrow, escrow.release(distributor, BigInteger.ZERO));
        assertThat(byStranger).isEqualTo("OwnableUnauthorizedAccount");
        assertThat(beyond).isEqualTo("ERC20InsufficientBalance");
        assertThat(empty).isEqualTo("ZeroAmount");
        assertThat(chain.balanceOf(escrow.getContractAddress())).isEqualTo(BigInteger.valueOf(2_000_000));
    }

    @Test
    void theEscrowHoldsItsDepositsLessItsReleasesAsItsLogsTell() throws Exception {
        OwnedEscrow owned = freshEscrow();
        PrepaidEscrow escrow = owned.escrow();
        owned.depositFromFreshHolder(BigInteger.valueOf(1_000_000));
        owned.depositFromFreshHolder(BigInteger.valueOf(2_500_000));
        escrow.release(chain.distributor().getContractAddress(), BigInteger.valueOf(1_200_000)).send();
        owned.depositFromFreshHolder(BigInteger.valueOf(750_000));
        escrow.release(anvil.fundedAccount(1).getAddress(), BigInteger.valueOf(300_000)).send();

        BigInteger deposited = BigInteger.ZERO;
        BigInteger released = BigInteger.ZERO;
        for (Log log : logsOf(escrow)) {
            if (log.getTopics().get(0).equals(EventEncoder.encode(PrepaidEscrow.DEPOSITED_EVENT))) {
                deposited = deposited.add(PrepaidEscrow.getDepositedEventFromLog(log).amount);
            } else {
                released = released.add(PrepaidEscrow.getReleasedEventFromLog(log).amount);
            }
        }

        assertThat(deposited).isEqualTo(BigInteger.valueOf(4_250_000));
        assertThat(released).isEqualTo(BigInteger.valueOf(1_500_000));
        assertThat(chain.balanceOf(escrow.getContractAddress())).isEqualTo(deposited.subtract(released));
    }

    /**
     * The gas docs/CONTRACTS.md states, for a holder who keeps tokens and allowance after the deposit
     * (no storage refunds): the escrow's first deposit, which fills its balance word, and a later
     * one; and a deposit that spends the holder's whole balance and exact approval, as the deposit
     * script's usually does.
     */
    @Test
    void aDepositCostsTheTokenTransferAndOneLog() throws Exception {
        OwnedEscrow owned = freshEscrow();
        BigInteger twice = UNITS.add(UNITS);

        BigInteger first = owned.depositFromFreshHolder(UNITS, twice, twice).getGasUsed();
        BigInteger later = owned.depositFromFreshHolder(UNITS, twice, twice).getGasUsed();
        BigInteger spendingAll = owned.depositFromFreshHolder(UNITS).getGasUsed();

        System.out.println("PrepaidEscrow.deposit gas: first " + first + ", later " + later
                + ", spending the whole balance and approval " + spendingAll);
        assertThat(first).isLessThanOrEqualTo(BigInteger.valueOf(62_000));
        assertThat(later).isLessThanOrEqualTo(BigInteger.valueOf(45_000));
        assertThat(spendingAll).isLessThanOrEqualTo(BigInteger.valueOf(36_000));
    }

    /**
     * A token and escrow of their own, owned by a fresh account: the script sends the owner's mint
     * with the owner's key, so no transaction manager of the test may count that account's nonces.
     */
    private record ScriptChain(Credentials owner, SettlementToken token, PrepaidEscrow escrow) {

        static ScriptChain deploy() throws Exception {
            Credentials owner = anvil.fundedAccount(1);
            var tx = chain.transactionManager(owner);
            SettlementToken token = SettlementToken.deploy(chain.web3j(), tx, chain.gasProvider(), "Settlement USD",
                    "sUSD", owner.getAddress()).send();
            PrepaidEscrow escrow = PrepaidEscrow.deploy(chain.web3j(), tx, chain.gasProvider(),
                    token.getContractAddress()).send();
            return new ScriptChain(owner, token, escrow);
        }

        NodeScripts.Result deposit(String marketplaceId, String tenantId, String units, List<String> more,
                Map<String, String> env) {
            List<String> args = new ArrayList<>(List.of("--rpc", anvil.rpcUrl(),
                    "--escrow", escrow.getContractAddress(), "--token", token.getContractAddress(),
                    "--marketplace", marketplaceId, "--tenant", tenantId, "--amount", units));
            args.addAll(more);
            return NodeScripts.runScript("deposit.mjs", args, env, "");
        }

        BigInteger balanceOf(String account) throws Exception {
            return token.balanceOf(account).send();
        }
    }

    @Test
    void theDepositScriptMintsApprovesAndDepositsAsAnvilsDevelopmentAccount() throws Exception {
        ScriptChain local = ScriptChain.deploy();
        Path ownerKey = keyFile(local.owner());
        try {
            NodeScripts.Result run = local.deposit("demo-marketplace", "tenant-script", "1250000", List.of(),
                    Map.of("LEDGER_SIGNER_KEY_FILE", ownerKey.toString()));

            assertThat(run.exitCode()).as(run.output()).isZero();
            String devAccount = anvilDevelopmentAccount(1);
            assertDepositLog(local, new ObjectMapper().readTree(run.output()), "demo-marketplace/tenant-script",
                    devAccount, "1250000");
            assertThat(local.balanceOf(local.escrow().getContractAddress())).isEqualTo(BigInteger.valueOf(1_250_000));
            assertThat(local.token().totalSupply().send()).isEqualTo(BigInteger.valueOf(1_250_000));
        } finally {
            Files.deleteIfExists(ownerKey);
        }
    }

    @Test
    void theDepositScriptDepositsWithTheGivenKeyAndMintsNothingWhenTheHolderHasEnough() throws Exception {
        ScriptChain local = ScriptChain.deploy();
        Credentials holder = anvil.fundedAccount(1);
        local.token().mint(holder.getAddress(), UNITS).send();
        Path key = keyFile(holder);
        try {
            NodeScripts.Result run = local.deposit("mkt-2", "tenant-own-key", UNITS.toString(),
                    List.of("--key-file", key.toString()), Map.of());

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertDepositLog(local, new ObjectMapper().readTree(run.output()), "mkt-2/tenant-own-key",
                    holder.getAddress(), UNITS.toString());
            assertThat(local.balanceOf(holder.getAddress())).isZero();
            assertThat(local.token().totalSupply().send()).isEqualTo(UNITS);
        } finally {
            Files.deleteIfExists(key);
        }
    }

    @Test
    void theDepositScriptRefusesToMintWithoutTheOwnersKey() throws Exception {
        ScriptChain local = ScriptChain.deploy();
        Credentials holder = anvil.fundedAccount(1);
        Path key = keyFile(holder);
        try {
            NodeScripts.Result run = local.deposit("mkt", "tenant-poor", "1", List.of("--key-file", key.toString()),
                    Map.of());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.output()).contains("short of 1").contains("LEDGER_SIGNER_KEY_FILE");
            assertThat(local.balanceOf(local.escrow().getContractAddress())).isZero();
        } finally {
            Files.deleteIfExists(key);
        }
    }

    /** The printed deposit is a Deposited log on the chain, found by its transaction hash and log index. */
    private static void assertDepositLog(ScriptChain local, JsonNode printed, String accountText, String from,
            String units) throws Exception {
        String txHash = printed.path("txHash").asText();
        long logIndex = printed.path("logIndex").asLong();
        TransactionReceipt receipt = chain.web3j().ethGetTransactionReceipt(txHash).send().getTransactionReceipt()
                .orElseThrow();
        assertThat(receipt.isStatusOK()).isTrue();
        Log log = receipt.getLogs().stream().filter(l -> l.getLogIndex().longValueExact() == logIndex)
                .findFirst().orElseThrow();
        assertThat(log.getAddress()).isEqualToIgnoringCase(local.escrow().getContractAddress());
        PrepaidEscrow.DepositedEventResponse event = PrepaidEscrow.getDepositedEventFromLog(log);
        assertThat(Numeric.toHexString(event.account)).isEqualTo(Hash.sha3String(accountText));
        assertThat(event.from).isEqualToIgnoringCase(from);
        assertThat(event.amount).isEqualTo(new BigInteger(units));
        assertThat(printed.path("account").asText()).isEqualTo(Hash.sha3String(accountText));
        assertThat(printed.path("depositId").asText()).isEqualTo("chain:" + txHash + ":" + logIndex);
    }

    /** The escrow's Deposited and Released logs, as the ledger or an auditor reads them. */
    private static List<Log> logsOf(PrepaidEscrow escrow) throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO),
                DefaultBlockParameterName.LATEST, escrow.getContractAddress());
        filter.addOptionalTopics(EventEncoder.encode(PrepaidEscrow.DEPOSITED_EVENT),
                EventEncoder.encode(PrepaidEscrow.RELEASED_EVENT));
        return chain.web3j().ethGetLogs(filter).send().getLogs().stream()
                .map(result -> (Log) ((EthLog.LogObject) result).get()).toList();
    }

    /** anvil's development account {@code index}, from the public test mnemonic every anvil starts with. */
    private static String anvilDevelopmentAccount(int index) {
        byte[] seed = MnemonicUtils.generateSeed("test test test test test test test test test test test junk", "");
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
        int hardened = Bip32ECKeyPair.HARDENED_BIT;
        Bip32ECKeyPair derived = Bip32ECKeyPair.deriveKeyPair(master, new int[] {44 | hardened, 60 | hardened,
                hardened, 0, index});
        return Credentials.create(derived).getAddress();
    }

    /** A key file readable by its owner only, deleted by the test that made it. */
    private static Path keyFile(Credentials credentials) throws Exception {
        Path file = Files.createTempFile("escrow-it-", ".key",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Numeric.toHexStringNoPrefixZeroPadded(credentials.getEcKeyPair().getPrivateKey(), 64),
                StandardCharsets.UTF_8);
        return file;
    }
}
