package io.gpuledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LedgerApplication {

    public static void main(String[] args) {
        // Axon's update checker phones home; this ledger never reaches outside its own network.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(LedgerApplication.class, args);
    }
}
