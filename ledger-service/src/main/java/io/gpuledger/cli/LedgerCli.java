package io.gpuledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gpuledger.audit.AuditVerifier;
import io.gpuledger.audit.Verification;
import io.gpuledger.auth.ApiKeys;
import io.gpuledger.chain.local.LocalChainDeployer;
import io.gpuledger.settlement.onchain.Reconciliation;
import io.gpuledger.settlement.onchain.ReconciliationReport;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Command-line modes of the service jar, for auditors and operators with database access:
 * {@code verify} checks the whole history (exit 0 when it holds, 1 when it diverges, 2 on error),
 * printing its progress to standard error;
 * {@code deploy-local-chain} prepares a local development chain for the run command;
 * {@code reconcile} compares the ledger's epochs and payouts with the chain (exit 0 when they agree,
 * 1 when it lists differences, 2 on error, such as no chain configured);
 * {@code keys create|list|revoke} makes, lists and revokes API keys ({@link KeyCommands});
 * {@code processors}, {@code processors reset NAME} and {@code processors split|merge|release NAME SEGMENT}
 * show the running ledger's event processors, rebuild one and change its segments, through its routes
 * ({@link ProcessorsCommand}).
 */
public final class LedgerCli {

    private static final Set<String> COMMANDS = Set.of("verify", "reconcile", "deploy-local-chain", "keys",
            "processors");

    private LedgerCli() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /**
     * Why the database's schema is not the one this ledger reads, or null when it is: the commands
     * never migrate (they change nothing), so an older schema is refused rather than misread.
     */
    private static String schemaBehind(ConfigurableApplicationContext context) {
        MigrationInfo[] pending = Flyway.configure()
                .dataSource(context.getBean(DataSource.class))
                .locations(context.getEnvironment().getProperty("spring.flyway.locations", "classpath:db/migration"))
                .load().info().pending();
        if (pending.length == 0) {
            return null;
        }
        return "the database lacks " + pending.length + " migration(s) of this ledger, from version "
                + pending[0].getVersion() + " on; start the service once to apply them";
    }

    public static int run(Class<?> application, String[] args) {
        return run(application, args, System.out, System.err);
    }

    /**
     * Runs a command with its verdict written to {@code out} and its refusals to {@code err}; logs go
     * wherever logging is configured, never into {@code out}, so the verdict stays parseable.
     */
    public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        if (args[0].equals("processors")) {
            return ProcessorsCommand.run(args, System.getenv(), out, err);
        }
        if (args[0].equals("deploy-local-chain")) {
            try {
                return LocalChainDeployer.run(args);
            } catch (Exception e) {
                err.println("deploy-local-chain failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                return 2;
            }
        }
        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(WebApplicationType.NONE);
        spring.setAdditionalProfiles("cli");
        try (ConfigurableApplicationContext context = spring.run(Arrays.copyOfRange(args, 1, args.length))) {
            String behind = schemaBehind(context);
            if (behind != null) {
                err.println(args[0] + " refused: " + behind);
                return 2;
            }
            ObjectMapper json = context.getBean(ObjectMapper.class).copy().enable(SerializationFeature.INDENT_OUTPUT);
            if ("keys".equals(args[0])) {
                return KeyCommands.run(context.getBean(ApiKeys.class), json, args, out, err);
            }
            if ("reconcile".equals(args[0])) {
                ReconciliationReport report = context.getBean(Reconciliation.class).run();
                out.println(json.writeValueAsString(report));
                return report.ok() ? 0 : 1;
            }
            // Progress goes to err, so that out holds the verdict alone.
            Verification verdict = context.getBean(AuditVerifier.class).verify(err::println);
            out.println(json.writeValueAsString(verdict));
            return verdict.ok() ? 0 : 1;
        } catch (Exception e) {
            err.println(args[0] + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 2;
        }
    }
}
