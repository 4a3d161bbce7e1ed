package io.gpuledger.escrow;

import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;

/** The escrow's account key of a tenant: keccak256 of the UTF-8 bytes of {@code marketplaceId + "/" + tenantId}. */
final class AccountKeys {

    private AccountKeys() {
    }

    static byte[] of(String marketplaceId, String tenantId) {
        return Hash.sha3((marketplaceId + "/" + tenantId).getBytes(StandardCharsets.UTF_8));
    }
}
