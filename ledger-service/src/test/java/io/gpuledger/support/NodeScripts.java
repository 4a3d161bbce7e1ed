package io.gpuledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs JavaScript with node in contracts/, where the public OpenZeppelin libraries are installed. */
public final class NodeScripts {

    private NodeScripts() {
    }

    /** Runs the ES module source with node and answers what it printed. */
    public static String run(String moduleSource) {
        try {
            Path contracts = contractsDir();
            Path script = Files.createTempFile(contracts, ".check-", ".mjs");
            try {
                Files.writeString(script, moduleSource);
                Process node = new ProcessBuilder("node", script.toString()).directory(contracts.toFile())
                        .redirectErrorStream(true).start();
                String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
                    throw new IllegalStateException("node failed: " + output);
                }
                return output.trim();
            } finally {
                Files.deleteIfExists(script);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a committed script of contracts/scripts with {@code stdin} as its input; answers exit code and output. */
    public static Result runScript(String script, String stdin) {
        return runScript(script, List.of(), Map.of(), stdin);
    }

    /**
     * Runs a committed script of contracts/scripts with arguments, extra environment variables and
     * {@code stdin} as its input; answers exit code and output.
     */
    public static Result runScript(String script, List<String> args, Map<String, String> env, String stdin) {
        try {
            List<String> command = new ArrayList<>(List.of("node", "scripts/" + script));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).directory(contractsDir().toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process node = builder.start();
            node.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            node.getOutputStream().close();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new IllegalStateException("node did not finish: " + output);
            }
            return new Result(node.exitValue(), output.trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Result(int exitCode, String output) {
    }

    private static Path contractsDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("contracts/node_modules/@openzeppelin/merkle-tree"))) {
                return dir.resolve("contracts");
            }
        }
        throw new IllegalStateException("contracts/node_modules is not installed: run 'npm ci' in contracts/");
    }
}
