package io.gpuledger.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.platform.JsonFields;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a request for a new key (from the route or the command line), naming every field at fault. */
public final class KeyRequests {

    static final Pattern MARKETPLACE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[\\x20-\\x7E]{1,128}");

    private KeyRequests() {
    }

    /** {@code now} is the moment an expiry must lie after. */
    public static NewKey newKey(JsonNode body, Instant now) {
        JsonFields f = JsonFields.of(body, Set.of("marketplaceId", "role", "expiresAt", "label"));
        Role role = f.enumValue("role", Role.class);
        String marketplaceId = f.text("marketplaceId", true);
        Instant expiresAt = f.instant("expiresAt", false);
        String label = f.text("label", false);
        if (role != null && marketplaceId != null) {
            marketplaceId = owner(f, role, marketplaceId);
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            f.problem("expiresAt", "must lie in the future");
        }
        if (label != null && !LABEL.matcher(label).matches()) {
            f.problem("label", "must be 1-128 printable ASCII characters");
        }
        f.throwIfInvalid();
        return new NewKey(marketplaceId, role, label, expiresAt);
    }

    /**
     * Operators and auditors belong to every marketplace ("*"), a marketplace key to one, a provider
     * key to its payout address (kept checksummed).
     */
    private static String owner(JsonFields f, Role role, String marketplaceId) {
        if (role == Role.PROVIDER) {
            return ProviderAddress.normalise(marketplaceId).orElseGet(() -> {
                f.problem("marketplaceId", "must be the provider's payout address: 0x and 40 hex digits, "
                        + "passing its EIP-55 checksum when mixed case");
                return null;
            });
        }
        boolean global = role == Role.OPERATOR || role == Role.AUDITOR;
        if (global && !marketplaceId.equals(Caller.ANY_MARKETPLACE)) {
            f.problem("marketplaceId", "must be '*' for an " + role + " key");
        } else if (!global && !MARKETPLACE_ID.matcher(marketplaceId).matches()) {
            f.problem("marketplaceId", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return marketplaceId;
    }
}
