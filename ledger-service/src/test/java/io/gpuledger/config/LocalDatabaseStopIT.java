package io.gpuledger.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.Anvil;
import io.gpuledger.support.Api;
import io.gpuledger.support.LedgerProcess;
import io.gpuledger.support.Leases;
import io.gpuledger.support.SettlementContracts;
import io.gpuledger.support.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The packaged ledger as the run command runs it, on its own local PostgreSQL in a data directory,
 * stopped as Ctrl-C or a deployment stops it: with a TERM. It stops its work before its database,
 * so nothing fails on the way down, and a start on the same directory finds what was written.
 */
class LocalDatabaseStopIT {

    private static Anvil anvil;
    private static LedgerProcess ledger;

    @BeforeAll
    static void start() throws Exception {
        anvil = Anvil.start();
        SettlementContracts contracts = SettlementContracts.deploy(anvil);
        Credentials signer = anvil.fundedAccount(10);
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "local-ledger-");
        Map<String, String> env = new HashMap<>();
        env.put("LEDGER_DATA_DIR", dataDir.toAbsolutePath().toString());
        env.put("LEDGER_BOOTSTRAP_KEYS", TestKeys.BOOTSTRAP);
        env.putAll(contracts.ledgerEnvironment(signer));
        ledger = new LedgerProcess("local-database-stop", env);
    }

    @AfterAll
    static void stopAll() {
        if (ledger != null) {
            ledger.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void aTermStopsTheLedgerBeforeItsDatabaseAndTheNextStartFindsEverything() {
        ledger.start();
        Api api = new Api(ledger.port());
        String leaseId = Leases.uniqueId("stop");
        assertThat(api.post(TestKeys.MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);

        int status = ledger.stop();

        assertThat(status).as("exit status after a TERM").isEqualTo(128 + 15);
        List<String> trouble = ledger.output().stream()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
        assertThat(trouble).as("warnings and errors of a run stopped by TERM").isEmpty();

        ledger.start();
        assertThat(api.get(TestKeys.MARKETPLACE_A, "/v1/leases/" + leaseId).status()).isEqualTo(200);
        assertThat(ledger.stop()).isEqualTo(128 + 15);
    }
}
