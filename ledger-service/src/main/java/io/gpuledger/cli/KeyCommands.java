package io.gpuledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpuledger.auth.ApiKeys;
import io.gpuledger.auth.ApiKeys.KeyRecord;
import io.gpuledger.auth.KeyRequests;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.LedgerRejection;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code keys create --marketplace=ID --role=ROLE [--expires-at=T] [--label=TEXT]}, {@code keys list},
 * {@code keys revoke KEY_ID}: the key routes for an operator with database access. A new key's secret
 * is written to {@code out} once; it is never in {@code err}. Exit 0 when done, 2 when refused or failed.
 */
final class KeyCommands {

    private static final Map<String, String> OPTIONS = Map.of("--marketplace=", "marketplaceId", "--role=", "role",
            "--expires-at=", "expiresAt", "--label=", "label");
    private static final String USAGE = "usage: keys create --marketplace=ID --role=ROLE [--expires-at=T] "
            + "[--label=TEXT] | keys list | keys revoke KEY_ID";

    private KeyCommands() {
    }

    static int run(ApiKeys keys, ObjectMapper json, String[] args, PrintStream out, PrintStream err) throws Exception {
        List<String> words = words(args);
        String verb = words.isEmpty() ? "" : words.get(0);
        try {
            switch (verb) {
                case "create" -> {
                    ApiKeys.IssuedKey issued = keys.issue(KeyRequests.newKey(options(json, args), Instant.now()));
                    ObjectNode shown = json.createObjectNode().put("keyId", issued.record().keyId()).put("key", issued.key());
                    shown.setAll((ObjectNode) json.valueToTree(issued.record()));
                    shown.remove("seq");
                    out.println(json.writeValueAsString(shown));
                }
                case "list" -> out.println(json.writeValueAsString(all(keys)));
                case "revoke" -> {
                    if (words.size() != 2) {
                        err.println(USAGE);
                        return 2;
                    }
                    KeyRecord revoked = keys.revoke(words.get(1)).orElse(null);
                    if (revoked == null) {
                        err.println("keys revoke refused: no API key " + words.get(1));
                        return 2;
                    }
                    out.println(json.writeValueAsString(revoked));
                }
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (InvalidRequest e) {
            e.problems().forEach(p -> err.println("keys " + verb + " refused: " + p.field() + " " + p.message()));
            return 2;
        } catch (LedgerRejection e) {
            err.println("keys " + verb + " refused: " + e.getMessage());
            return 2;
        }
    }

    private static List<KeyRecord> all(ApiKeys keys) {
        List<KeyRecord> all = new ArrayList<>();
        for (List<KeyRecord> page = keys.list(0, 1000); !page.isEmpty();
             page = keys.list(page.get(page.size() - 1).seq(), 1000)) {
            all.addAll(page);
        }
        return all;
    }

    /** The words after "keys" that are not options ({@code --name=value}, Spring's settings among them). */
    private static List<String> words(String[] args) {
        List<String> words = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                words.add(args[i]);
            }
        }
        return words;
    }

    private static ObjectNode options(ObjectMapper json, String[] args) {
        ObjectNode body = json.createObjectNode();
        for (String arg : args) {
            OPTIONS.forEach((flag, field) -> {
                if (arg.startsWith(flag)) {
                    body.put(field, arg.substring(flag.length()));
                }
            });
        }
        return body;
    }
}
