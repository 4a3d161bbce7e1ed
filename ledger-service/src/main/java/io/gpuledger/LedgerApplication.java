package io.gpuledger;

import io.gpuledger.cli.LedgerCli;
import io.gpuledger.config.OrderlyShutdown;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LedgerApplication {

    /** Serves the API, or, given a command such as {@code verify}, runs it and exits (see {@link LedgerCli}). */
    public static void main(String[] args) {
        if (LedgerCli.isCommand(args)) {
            System.exit(LedgerCli.run(LedgerApplication.class, args));
        }
        OrderlyShutdown.install(SpringApplication.run(LedgerApplication.class, args));
    }
}
