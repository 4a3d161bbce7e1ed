package io.gpuledger.auth.web;

import static io.gpuledger.auth.Role.OPERATOR;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpuledger.auth.ApiKeys.KeyRecord;
import io.gpuledger.auth.ApiKeys;
import io.gpuledger.auth.Caller;
import io.gpuledger.auth.KeyRequests;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.Cursors;
import io.gpuledger.platform.EmptyRequest;
import io.gpuledger.platform.IdempotentWrites;
import io.gpuledger.platform.JsonFields;
import io.gpuledger.platform.Page;
import io.gpuledger.platform.PageRequest;
import io.gpuledger.platform.Rejects;
import io.gpuledger.platform.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators make, list and revoke API keys. A new key's secret is in the 201 alone: the stored
 * response that a retry under the same Idempotency-Key replays holds the key's record without it,
 * since only the key's hash may be kept.
 */
@RestController
@RequestMapping(path = "/v1/keys", produces = MediaType.APPLICATION_JSON_VALUE)
class KeyController {

    static final int DEFAULT_LIMIT = 100;

    private final ApiKeys keys;
    private final IdempotentWrites writes;
    private final RequestBodies bodies;
    private final ObjectMapper json;
    private final Cursors cursors;

    KeyController(ApiKeys keys, IdempotentWrites writes, RequestBodies bodies, ObjectMapper json, Cursors cursors) {
        this.keys = keys;
        this.writes = writes;
        this.bodies = bodies;
        this.json = json;
        this.cursors = cursors;
    }

    @PostMapping
    @Operation(operationId = "createKey", summary = "Makes an API key; the answer holds its secret, shown this once")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = NewKeyRequest.class)))
    @ApiResponse(responseCode = "201", description = "The key, with its secret in key", content = @Content(schema = @Schema(implementation = IssuedKeyJson.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED})
    ResponseEntity<String> create(Caller caller, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @RequestBody(required = false) byte[] body) {
        caller.requireRole(OPERATOR);
        AtomicReference<String> secret = new AtomicReference<>();
        ResponseEntity<String> response = writes.execute(caller.idempotencyScope(), key, "POST /v1/keys", body, () -> {
            ApiKeys.IssuedKey issued = keys.issue(KeyRequests.newKey(bodies.parse(body), Instant.now()));
            secret.set(issued.key());
            return ResponseEntity.status(201).body(KeyJson.of(issued.record()));
        });
        boolean replayed = Boolean.parseBoolean(response.getHeaders().getFirst(IdempotentWrites.REPLAYED_HEADER));
        return replayed || secret.get() == null ? response : withSecret(response, secret.get());
    }

    @GetMapping
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.INVALID_CURSOR})
    KeyList list(Caller caller, @RequestParam(required = false) String limit,
                 @RequestParam(required = false) String cursor) {
        caller.requireRole(OPERATOR);
        List<String> list = List.of("GET /v1/keys");
        PageRequest request = cursors.request(limit, cursor, DEFAULT_LIMIT, list);
        Page<KeyRecord> page = cursors.page(keys.list(request.afterNumber(0), request.fetch()), request,
                key -> Long.toString(key.seq()), list);
        return new KeyList(page.items().stream().map(KeyJson::of).toList(), page.nextCursor());
    }

    /** 200 with the key, revoked from now on; a key revoked before answers its first revocation. */
    @PostMapping("/{keyId}/revoke")
    @Operation(operationId = "revokeKey", summary = "Revokes an API key at once")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = EmptyRequest.class)))
    @ApiResponse(responseCode = "200", description = "The key, revoked", content = @Content(schema = @Schema(implementation = KeyJson.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.KEY_NOT_FOUND})
    ResponseEntity<String> revoke(Caller caller, @PathVariable String keyId,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @RequestBody(required = false) byte[] body) {
        caller.requireRole(OPERATOR);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/keys/" + keyId + "/revoke", body, () -> {
            if (body != null && body.length > 0) {
                JsonFields.of(bodies.parse(body), Set.of()).throwIfInvalid();
            }
            KeyRecord revoked = keys.revoke(keyId).orElseThrow(() ->
                    new LedgerRejection(RejectionCode.KEY_NOT_FOUND, "no API key " + keyId));
            return ResponseEntity.ok(KeyJson.of(revoked));
        });
    }

    record KeyList(List<KeyJson> items, String nextCursor) {
    }

    /** The body of POST /v1/keys, as the OpenAPI description shows it (parsed field by field by KeyRequests). */
    record NewKeyRequest(String marketplaceId, String role, Instant expiresAt, String label) {
    }

    /** A new key's answer: its record and, this once, its secret. */
    record IssuedKeyJson(String keyId, String key, String marketplaceId, String role, String label, Instant createdAt,
                         Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
    }

    private ResponseEntity<String> withSecret(ResponseEntity<String> stored, String secret) {
        try {
            ObjectNode shown = (ObjectNode) json.readTree(stored.getBody());
            ObjectNode withKey = json.createObjectNode();
            withKey.set("keyId", shown.get("keyId"));
            withKey.put("key", secret);
            withKey.setAll(shown);
            HttpHeaders headers = new HttpHeaders();
            headers.putAll(stored.getHeaders());
            headers.remove(HttpHeaders.CONTENT_LENGTH);
            return ResponseEntity.status(stored.getStatusCode()).headers(headers).body(json.writeValueAsString(withKey));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored answer of a new key is not JSON", e);
        }
    }
}
