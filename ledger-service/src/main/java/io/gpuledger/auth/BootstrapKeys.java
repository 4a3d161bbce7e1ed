package io.gpuledger.auth;

import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** Provisions the keys of LEDGER_BOOTSTRAP_KEYS (comma-separated key:marketplace:ROLE) before the server takes requests. */
@Component
class BootstrapKeys implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(BootstrapKeys.class);
    private static final Pattern MARKETPLACE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}|\\*");

    private final ApiKeys apiKeys;
    private final String bootstrapKeys;

    BootstrapKeys(ApiKeys apiKeys, @Value("${ledger.bootstrap-keys}") String bootstrapKeys) {
        this.apiKeys = apiKeys;
        this.bootstrapKeys = bootstrapKeys;
    }

    @Override
    public void afterPropertiesSet() {
        if (bootstrapKeys == null || bootstrapKeys.isBlank()) {
            return;
        }
        int count = 0;
        for (String entry : bootstrapKeys.split(",")) {
            String[] parts = entry.trim().split(":");
            // Never echo the entry itself: it holds the key.
            if (parts.length != 3 || parts[0].length() < 16 || !MARKETPLACE_ID.matcher(parts[1]).matches()) {
                throw new IllegalArgumentException("LEDGER_BOOTSTRAP_KEYS entry " + (count + 1)
                        + " is not key:marketplace:ROLE with a key of at least 16 characters");
            }
            Role role = Role.valueOf(parts[2]);
            boolean global = role != Role.MARKETPLACE;
            if (global != parts[1].equals(Caller.ANY_MARKETPLACE)) {
                throw new IllegalArgumentException("LEDGER_BOOTSTRAP_KEYS entry " + (count + 1)
                        + ": OPERATOR and AUDITOR keys take marketplace '*', MARKETPLACE keys a marketplace id");
            }
            apiKeys.provision(parts[0], parts[1], role, "bootstrap");
            count++;
        }
        log.info("Provisioned {} API keys from LEDGER_BOOTSTRAP_KEYS", count);
    }
}
