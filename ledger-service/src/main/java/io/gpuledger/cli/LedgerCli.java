package io.gpuledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gpuledger.audit.AuditVerifier;
import io.gpuledger.audit.Verification;
import java.util.Arrays;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Command-line modes of the service jar, for auditors and operators with database access:
 * {@code verify} checks the whole history (exit 0 when it holds, 1 when it diverges, 2 on error).
 */
public final class LedgerCli {

    private static final Set<String> COMMANDS = Set.of("verify");

    private LedgerCli() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(Class<?> application, String[] args) {
        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(WebApplicationType.NONE);
        spring.setAdditionalProfiles("cli");
        try (ConfigurableApplicationContext context = spring.run(Arrays.copyOfRange(args, 1, args.length))) {
            ObjectMapper json = context.getBean(ObjectMapper.class).copy().enable(SerializationFeature.INDENT_OUTPUT);
            Verification verdict = context.getBean(AuditVerifier.class).verify();
            System.out.println(json.writeValueAsString(verdict));
            return verdict.ok() ? 0 : 1;
        } catch (Exception e) {
            System.err.println("verify failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 2;
        }
    }
}
