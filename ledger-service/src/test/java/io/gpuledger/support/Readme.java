package io.gpuledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README's walk-throughs as tests run them: a fenced bash block, run by bash from the repository's root. */
public final class Readme {

    private Readme() {
    }

    /** The fenced bash block of README.md that contains {@code marker}; there must be exactly one. */
    public static String blockWith(String marker) throws Exception {
        Matcher blocks = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(repositoryRoot().resolve("README.md")));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            if (blocks.group(1).contains(marker)) {
                found.add(blocks.group(1));
            }
        }
        assertThat(found).as("README.md's blocks with " + marker).hasSize(1);
        return found.get(0);
    }

    /** Runs {@code script} with {@code bash -euo pipefail} and these variables; asserts it exits 0 and answers its output. */
    public static String run(String script, Map<String, String> environment) throws Exception {
        ProcessBuilder walkThrough = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .directory(repositoryRoot().toFile()).redirectErrorStream(true);
        walkThrough.environment().putAll(environment);
        Process bash = walkThrough.start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        return output;
    }

    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("contracts/scripts"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
}
