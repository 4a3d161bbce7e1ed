package io.gpuledger.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.chain.ChainProperties;
import io.gpuledger.config.ProjectionErrorConfig;
import io.gpuledger.escrow.EscrowProperties;
import io.gpuledger.lease.SlaRules;
import io.gpuledger.platform.Cursors;
import io.gpuledger.eventstore.EventMacs;
import io.gpuledger.platform.RequestBodies;
import io.gpuledger.settlement.SettlementProperties;
import io.gpuledger.settlement.pool.PoolRules;
import io.gpuledger.settlement.onchain.SettlementCalls;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.yaml.snakeyaml.Yaml;

/**
 * Holds the numbers README.md and docs/*.md quote from the code to the code: the settlement driver's
 * gas limits, the settings' defaults (application.yml and the properties records' own fallbacks),
 * the request limits. A quote that no longer matches fails here, naming the file; a quote the docs
 * stop making fails too, so that a rewrite keeps them or drops the check on purpose.
 */
class DocumentedConstantsTest {

    /** 150,000 or 400 or 10000: a count as the docs write it. */
    private static final String N = "(\\d{1,3}(?:,\\d{3})+|\\d+)";
    private static final Pattern LEDGER_VARIABLE = Pattern.compile("`(LEDGER_[A-Z0-9_]+)`");
    private static final Pattern YAML_DEFAULT = Pattern.compile("\\$\\{(LEDGER_[A-Z0-9_]+):([^}]*)}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Set<String> NO_VALUE = Set.of("unset", "none");
    /** The properties records whose settings tables name their prefix: "property `ledger.chain.`". */
    private static final List<Class<? extends Record>> PROPERTIES = List.of(ChainProperties.class, SettlementProperties.class,
            EscrowProperties.class);

    private final Map<String, String> docs = readDocs();
    private final Map<String, Object> yaml = flatten("", new Yaml().load(read(Path.of("src/main/resources/application.yml"))));
    private final Map<String, String> yamlDefaults = yamlDefaults(yaml);
    /** Variables only the run command reads, with the defaults it gives them ({@code ${VAR:-default}}). */
    private final Map<String, String> runCommandDefaults = runCommandDefaults(read(Path.of("../ledger")));

    @Test
    void gasLimitsQuotedInTheDocsAreTheDriversLimits() {
        SoftAssertions softly = new SoftAssertions();
        long largestBatch = SettlementProperties.MAX_PUSH_BATCH_SIZE;
        quoted(softly, "the gas limit to anchor", N + " to anchor\\b", SettlementCalls.ANCHOR_GAS.longValueExact());
        quoted(softly, "the gas limit to fund", N + " to fund\\b", SettlementCalls.FUND_GAS.longValueExact());
        quoted(softly, "the gas limit of a mint or the approve", N + " for a mint or (?:the|an) approve",
                SettlementCalls.TOKEN_GAS.longValueExact());
        quoted(softly, "a push's gas limit", N + " \\+ " + N + " per payout",
                SettlementCalls.PUSH_BASE_GAS, SettlementCalls.PUSH_GAS_PER_PAYOUT);
        quoted(softly, "the largest push batch by its gas", N + " × " + N + " gas",
                largestBatch, SettlementCalls.PUSH_GAS_PER_PAYOUT);
        quoted(softly, "the largest push batch", "payouts per push, 1 to " + N, largestBatch);
        quoted(softly, "the gas limit of the largest push", N + " at the largest batch of " + N,
                SettlementCalls.PUSH_BASE_GAS + SettlementCalls.PUSH_GAS_PER_PAYOUT * largestBatch, largestBatch);
        softly.assertAll();
    }

    @Test
    void deadLetterLimitsAndTheEventKeysLengthQuotedInTheDocsAreTheCodes() {
        SoftAssertions softly = new SoftAssertions();
        quoted(softly, "the dead letters a group holds", "at most " + N + " dead-lettered aggregates and " + N
                + " events behind one", ProjectionErrorConfig.MAX_DEAD_SEQUENCES, ProjectionErrorConfig.MAX_SEQUENCE_SIZE);
        quoted(softly, "the event key's least length", N + " or more random bytes", EventMacs.MIN_KEY_BYTES);
        softly.assertAll();
    }

    @Test
    void theSlaTierLimitQuotedInTheDocsIsTheCodes() {
        SoftAssertions softly = new SoftAssertions();
        quoted(softly, "the most credit tiers of an SLA", "(?:1 to|more than) " + N + " tiers\\b", SlaRules.MAX_TIERS);
        softly.assertAll();
    }

    @Test
    void requestLimitsQuotedInTheDocsAreTheConfiguredOnes() {
        SoftAssertions softly = new SoftAssertions();
        long maxBatch = Long.parseLong(String.valueOf(yaml.get("ledger.usage.max-batch-reports")));
        quoted(softly, "the most reports in a batch", "(?:[Aa]t most|more than|batches ≤) " + N + " reports", maxBatch);
        long maxBody = Long.parseLong(yamlDefaults.get("LEDGER_MAX_BODY_BYTES"));
        quoted(softly, "the largest body in MiB", "`LEDGER_MAX_BODY_BYTES` \\(" + N + " MiB\\)", maxBody / (1 << 20));
        softly.assertThat(maxBody % (1 << 20)).as("LEDGER_MAX_BODY_BYTES is a whole number of MiB").isZero();
        quoted(softly, "the JSON nesting limit", "nesting " + N + "\\b", RequestBodies.MAX_NESTING_DEPTH);
        quoted(softly, "the JSON string limit", "strings ≤ " + N + " characters", RequestBodies.MAX_STRING_LENGTH);
        quoted(softly, "the JSON name limit", "names ≤ " + N + "\\b", RequestBodies.MAX_NAME_LENGTH);
        quoted(softly, "the JSON number limit", "numbers ≤ " + N + " digits", RequestBodies.MAX_NUMBER_DIGITS);
        quoted(softly, "the largest page of a list", "`limit` \\(1–" + N, Cursors.MAX_LIMIT);
        quoted(softly, "the most weights of a reward pool", "at most " + N + " weights", PoolRules.MAX_WEIGHTS);
        quoted(softly, "the default page of the lists that paged later", "whole list of up to " + N, Cursors.MAX_LIMIT);
        softly.assertAll();
    }

    @Test
    void settingsDefaultsQuotedInTheDocsAreApplicationYmls() {
        SoftAssertions softly = new SoftAssertions();
        Set<String> held = new TreeSet<>();
        for (Setting setting : settingsQuoted()) {
            String where = setting.doc() + " quotes the default of " + setting.variable() + " as " + setting.value();
            if (!yamlDefaults.containsKey(setting.variable()) && runCommandDefaults.containsKey(setting.variable())) {
                softly.assertThat(runCommandDefaults.get(setting.variable())).as(where + " (the ledger script)")
                        .endsWith(setting.value());
                continue;
            }
            softly.assertThat(yamlDefaults).as(where + ", but application.yml has no such variable")
                    .containsKey(setting.variable());
            String expected = NO_VALUE.contains(setting.value()) ? "" : setting.value();
            softly.assertThat(yamlDefaults.get(setting.variable())).as(where + " (application.yml)").isEqualTo(expected);
            held.add(setting.variable());
        }
        assertThat(held).as("the settings whose documented defaults are held")
                .contains("LEDGER_SETTLEMENT_PUSH_BATCH_SIZE", "LEDGER_CHAIN_CONFIRMATIONS", "LEDGER_MAX_BODY_BYTES",
                        "LEDGER_TOKEN_DECIMALS", "LEDGER_ESCROW_INTERVAL", "LEDGER_ESCROW_FROM_BLOCK");
        softly.assertAll();
    }

    @Test
    void settingsDefaultsQuotedInTheDocsAreWhatThePropertiesFallBackTo() throws ReflectiveOperationException {
        SoftAssertions softly = new SoftAssertions();
        Set<String> held = new TreeSet<>();
        for (Setting setting : settingsQuoted()) {
            if (setting.property() == null) {
                continue;
            }
            Class<? extends Record> type = propertiesFor(setting.property());
            if (type == null) {
                continue;
            }
            String component = camelCase(setting.property().substring(setting.property().lastIndexOf('.') + 1));
            RecordComponent found = Arrays.stream(type.getRecordComponents())
                    .filter(c -> c.getName().equals(component)).findFirst().orElse(null);
            softly.assertThat(found).as(setting.doc() + " names " + setting.property() + ", which "
                    + type.getSimpleName() + " does not have").isNotNull();
            if (found == null) {
                continue;
            }
            Object fallback = found.getAccessor().invoke(unset(type));
            Object expected = NO_VALUE.contains(setting.value()) ? null
                    : ApplicationConversionService.getSharedInstance().convert(setting.value(), found.getType());
            softly.assertThat(fallback).as(setting.doc() + " quotes the default of " + setting.property() + " as "
                    + setting.value() + " (" + type.getSimpleName() + " with nothing set)").isEqualTo(expected);
            held.add(setting.property());
        }
        assertThat(held).as("the properties whose documented defaults are held")
                .contains("ledger.settlement.push-batch-size", "ledger.chain.confirmations", "ledger.escrow.log-block-range");
        softly.assertAll();
    }

    // ---- quotes in prose

    /**
     * Every match of the pattern in README.md and docs/*.md must carry the expected numbers, one per
     * group, and the docs must quote it at least once.
     */
    private void quoted(SoftAssertions softly, String what, String regex, long... expected) {
        // A quote may wrap onto the next line anywhere a space is.
        Pattern pattern = Pattern.compile(regex.replace(" ", "\\s+"));
        int quotes = 0;
        for (Map.Entry<String, String> doc : docs.entrySet()) {
            Matcher m = pattern.matcher(doc.getValue());
            while (m.find()) {
                quotes++;
                long[] actual = new long[m.groupCount()];
                for (int i = 0; i < actual.length; i++) {
                    actual[i] = Long.parseLong(m.group(i + 1).replace(",", ""));
                }
                softly.assertThat(actual).as(doc.getKey() + " quotes " + what + " as \"" + m.group() + "\"")
                        .containsExactly(expected);
            }
        }
        softly.assertThat(quotes).as("the docs quote " + what + " (/" + regex + "/)").isPositive();
    }

    // ---- settings tables and "`LEDGER_X`, default N"

    /** A default the docs quote: from a table row (with its property when the table has that column) or from prose. */
    private record Setting(String doc, String variable, String property, String value) {
    }

    private static Map<String, String> runCommandDefaults(String script) {
        Map<String, String> defaults = new java.util.HashMap<>();
        Matcher m = Pattern.compile("\\$\\{(LEDGER_[A-Z0-9_]+):-([^}]*)}").matcher(script);
        while (m.find()) {
            defaults.putIfAbsent(m.group(1), m.group(2));
        }
        return defaults;
    }

    private List<Setting> settingsQuoted() {
        List<Setting> settings = new ArrayList<>();
        Pattern prose = Pattern.compile("`(LEDGER_[A-Z0-9_]+)`, default ([A-Za-z0-9._-]+)");
        for (Map.Entry<String, String> doc : docs.entrySet()) {
            List<String> header = null;
            String prefix = null;
            String[] lines = doc.getValue().split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].startsWith("|")) {
                    header = null;
                    continue;
                }
                List<String> cells = cells(lines[i]);
                if (header == null) {
                    header = cells;
                    prefix = header.stream().filter(c -> c.startsWith("property `")).findFirst()
                            .map(c -> c.substring("property `".length(), c.length() - 1)).orElse(null);
                    continue;
                }
                int defaultColumn = header.indexOf("default");
                if (defaultColumn < 0 || cells.size() <= defaultColumn || cells.get(0).startsWith("---")) {
                    continue;
                }
                List<String> variables = all(LEDGER_VARIABLE, cells.get(0));
                List<String> values = Arrays.stream(cells.get(defaultColumn).split(", "))
                        .map(v -> v.replace("`", "").trim()).toList();
                if (variables.size() != values.size()) {
                    continue;
                }
                int propertyColumn = prefix == null ? -1 : header.indexOf("property `" + prefix + "`");
                for (int v = 0; v < variables.size(); v++) {
                    if (!LITERAL.matcher(values.get(v)).matches()) {
                        continue;
                    }
                    String property = propertyColumn < 0 ? null
                            : prefix + cells.get(propertyColumn).replace("`", "").trim();
                    settings.add(new Setting(doc.getKey(), variables.get(v), property, values.get(v)));
                }
            }
            Matcher m = prose.matcher(doc.getValue());
            while (m.find()) {
                settings.add(new Setting(doc.getKey(), m.group(1), null, m.group(2)));
            }
        }
        return settings;
    }

    private static List<String> cells(String row) {
        String inner = row.trim();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList();
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Class<? extends Record> propertiesFor(String property) {
        for (Class<? extends Record> type : PROPERTIES) {
            String prefix = type.getAnnotation(
                    org.springframework.boot.context.properties.ConfigurationProperties.class).value() + ".";
            if (property.startsWith(prefix) && property.indexOf('.', prefix.length()) < 0) {
                return type;
            }
        }
        return null;
    }

    /** The record built with every setting absent, as its compact constructor fills the defaults in. */
    private static Object unset(Class<? extends Record> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        return type.getDeclaredConstructor(types).newInstance(new Object[components.length]);
    }

    private static String camelCase(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    // ---- reading

    private static Map<String, String> readDocs() {
        Map<String, String> docs = new LinkedHashMap<>();
        docs.put("README.md", read(Path.of("../README.md")));
        try (Stream<Path> files = Files.list(Path.of("../docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted()
                    .forEach(p -> docs.put("docs/" + p.getFileName(), read(p)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return docs;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flatten(String prefix, Map<String, Object> tree) {
        Map<String, Object> flat = new LinkedHashMap<>();
        tree.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                flat.putAll(flatten(prefix + key + ".", (Map<String, Object>) nested));
            } else {
                flat.put(prefix + key, value);
            }
        });
        return flat;
    }

    private static Map<String, String> yamlDefaults(Map<String, Object> yaml) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Object value : yaml.values()) {
            Matcher m = YAML_DEFAULT.matcher(String.valueOf(value));
            while (m.find()) {
                defaults.put(m.group(1), m.group(2));
            }
        }
        return defaults;
    }
}
