package io.gpuledger.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Provisions the keys of LEDGER_BOOTSTRAP_KEYS (comma-separated key:marketplace:ROLE; key:0xADDRESS:PROVIDER
 * for a provider) before the server takes requests. Not in the command-line modes, which change nothing.
 */
@Component
@Profile("!cli")
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
        // Every entry is checked before any is provisioned, so a bad entry provisions nothing.
        List<Entry> entries = new ArrayList<>();
        for (String entry : bootstrapKeys.split(",")) {
            entries.add(parse(entry, entries.size() + 1));
        }
        entries.forEach(e -> apiKeys.provision(e.key(), e.marketplaceId(), e.role(), "bootstrap"));
        log.info("Provisioned {} API keys from LEDGER_BOOTSTRAP_KEYS", entries.size());
    }

    private record Entry(String key, String marketplaceId, Role role) {
    }

    /** Messages name the entry by its position, never by its text: any part of it may be a key. */
    private static Entry parse(String entry, int position) {
        String[] parts = entry.trim().split(":");
        if (parts.length != 3 || parts[0].length() < 16 || !MARKETPLACE_ID.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("LEDGER_BOOTSTRAP_KEYS entry " + position
                    + " is not key:marketplace:ROLE with a key of at least 16 characters");
        }
        Role role = Arrays.stream(Role.values()).filter(r -> r.name().equals(parts[2])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("LEDGER_BOOTSTRAP_KEYS entry " + position
                        + ": the role must be one of " + Arrays.toString(Role.values())));
        if (role == Role.PROVIDER) {
            String address = ProviderAddress.normalise(parts[1]).orElseThrow(() -> new IllegalArgumentException(
                    "LEDGER_BOOTSTRAP_KEYS entry " + position + ": a PROVIDER key takes its payout address, 0x and "
                            + "40 hex digits (EIP-55 checksummed when mixed case)"));
            return new Entry(parts[0], address, role);
        }
        boolean global = role != Role.MARKETPLACE;
        if (global != parts[1].equals(Caller.ANY_MARKETPLACE)) {
            throw new IllegalArgumentException("LEDGER_BOOTSTRAP_KEYS entry " + position
                    + ": OPERATOR and AUDITOR keys take marketplace '*', MARKETPLACE keys a marketplace id");
        }
        return new Entry(parts[0], parts[1], role);
    }
}
