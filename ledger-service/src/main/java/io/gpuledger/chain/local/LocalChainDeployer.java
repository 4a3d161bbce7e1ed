package io.gpuledger.chain.local;

import io.gpuledger.contracts.generated.PayoutDistributor;
import io.gpuledger.contracts.generated.PrepaidEscrow;
import io.gpuledger.contracts.generated.SettlementAnchor;
import io.gpuledger.contracts.generated.SettlementToken;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * Sets up a local development chain for the run command: funds the signer on anvil, deploys the
 * token, anchor, distributor and prepaid escrow (the signer is admin, operator, token owner and
 * escrow owner) and mints test tokens to it. Addresses go to an env file; a second run finds the contracts there and deploys
 * nothing, unless they were built from other sources than this jar's (an older checkout's chain
 * state), in which case it deploys this jar's contracts at new addresses. This is a development tool that runs before the service, not part of the service, so
 * it holds its own node connection.
 *
 * <p>Usage: {@code java -jar ledger-service.jar deploy-local-chain <env-file>} with
 * LEDGER_CHAIN_RPC_URL and LEDGER_SIGNER_KEY_FILE set.
 */
public final class LocalChainDeployer {

    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final BigInteger TEST_TOKENS_UNITS = BigInteger.TEN.pow(6 + 9);

    /** Names the contracts' bytecode, so that a chain holding another build's is noticed. */
    private static final String BUILD = Hash.sha3String(SettlementToken.BINARY + SettlementAnchor.BINARY
            + PayoutDistributor.BINARY + PrepaidEscrow.BINARY).substring(2, 18);

    private LocalChainDeployer() {
    }

    public static int run(String[] args) throws Exception {
        Path envFile = Path.of(args.length > 1 ? args[1] : ".ledger/chain.env");
        String rpcUrl = System.getenv("LEDGER_CHAIN_RPC_URL");
        Path keyFile = Path.of(System.getenv("LEDGER_SIGNER_KEY_FILE"));
        Credentials signer = Credentials.create(Files.readString(keyFile).trim());
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            if (Files.exists(envFile)) {
                Properties deployed = read(envFile);
                if (deployedAt(web3j, deployed.getProperty("LEDGER_DISTRIBUTOR_ADDRESS"))
                        && deployedAt(web3j, deployed.getProperty("LEDGER_ESCROW_ADDRESS"))) {
                    if (BUILD.equals(deployed.getProperty("LEDGER_CONTRACTS_BUILD"))) {
                        System.out.println("Settlement contracts already deployed; addresses in " + envFile);
                        return 0;
                    }
                    System.out.println("The settlement contracts on this chain were built from other sources; "
                            + "deploying this build's at new addresses");
                }
            }
            rpc(rpcUrl, "anvil_setBalance", List.of(signer.getAddress(), Numeric.toHexStringWithPrefix(ETHER.multiply(BigInteger.valueOf(1000)))));
            // The local chain mines a block a second; web3j's default 15 s between receipt polls
            // would make each of the six transactions cost that much.
            RawTransactionManager tx = new RawTransactionManager(web3j, signer, chainId,
                    new PollingTransactionReceiptProcessor(web3j, 250, 240));
            StaticEIP1559GasProvider gas = new StaticEIP1559GasProvider(chainId, BigInteger.valueOf(2_000_000_000L),
                    BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(6_000_000));
            String admin = signer.getAddress();
            SettlementToken token = SettlementToken.deploy(web3j, tx, gas, "Settlement USD", "sUSD", admin).send();
            SettlementAnchor anchor = SettlementAnchor.deploy(web3j, tx, gas, admin, admin).send();
            PayoutDistributor distributor = PayoutDistributor.deploy(web3j, tx, gas, token.getContractAddress(),
                    anchor.getContractAddress(), admin, admin).send();
            PrepaidEscrow escrow = PrepaidEscrow.deploy(web3j, tx, gas, token.getContractAddress()).send();
            token.mint(admin, TEST_TOKENS_UNITS).send();
            write(envFile, chainId, token.getContractAddress(), anchor.getContractAddress(),
                    distributor.getContractAddress(), escrow.getContractAddress());
            System.out.println("Deployed the settlement contracts on chain " + chainId + "; addresses in " + envFile);
            return 0;
        } finally {
            web3j.shutdown();
        }
    }

    private static boolean deployedAt(Web3j web3j, String address) throws IOException {
        if (address == null || address.isBlank()) {
            return false;
        }
        String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
        return code != null && code.length() > 2;
    }

    private static Properties read(Path envFile) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(envFile)) {
            properties.load(reader);
        }
        return properties;
    }

    private static void write(Path envFile, long chainId, String token, String anchor, String distributor,
            String escrow) throws IOException {
        String env = """
                # The local development chain's settlement contracts, written by deploy-local-chain.
                LEDGER_CHAIN_ID=%d
                LEDGER_TOKEN_ADDRESS=%s
                LEDGER_ANCHOR_ADDRESS=%s
                LEDGER_DISTRIBUTOR_ADDRESS=%s
                LEDGER_ESCROW_ADDRESS=%s
                LEDGER_CONTRACTS_BUILD=%s
                """.formatted(chainId, token, anchor, distributor, escrow, BUILD);
        Files.writeString(envFile, env);
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-------"));
    }

    private static void rpc(String rpcUrl, String method, List<?> params) throws IOException {
        Response<?> response = new Request<>(method, params, new HttpService(rpcUrl), GenericResponse.class).send();
        if (response.hasError()) {
            throw new IOException(method + " failed: " + response.getError().getMessage());
        }
    }

    public static final class GenericResponse extends Response<Object> {
    }
}
