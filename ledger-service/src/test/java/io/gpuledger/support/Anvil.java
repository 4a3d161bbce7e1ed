package io.gpuledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * A real anvil node from contracts/node_modules on a free port, for one test class. Tests fund
 * fresh random keys with anvil_setBalance, so no private key is ever written into the repository.
 */
public final class Anvil implements AutoCloseable {

    private static final Path BINARY = locateBinary();

    private final int port;
    private final List<String> extraArgs;
    private final Path stateFile;
    private Process process;
    private Web3j web3j;

    private Anvil(int port, List<String> extraArgs, Path stateFile) {
        this.port = port;
        this.extraArgs = extraArgs;
        this.stateFile = stateFile;
    }

    /** Starts anvil; with {@code persistent}, its chain survives {@link #restart()}. */
    public static Anvil start(boolean persistent, String... extraArgs) {
        try {
            Path state = persistent ? Files.createTempDirectory("anvil-state").resolve("state.json") : null;
            Anvil anvil = new Anvil(freePort(), List.of(extraArgs), state);
            anvil.launch();
            return anvil;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Anvil start(String... extraArgs) {
        return start(false, extraArgs);
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Web3j web3j() {
        return web3j;
    }

    /** A new random account holding {@code ether} ETH. */
    public Credentials fundedAccount(long ether) {
        try {
            Credentials credentials = Credentials.create(Keys.createEcKeyPair());
            setBalance(credentials.getAddress(), BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(ether)));
            return credentials;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void setBalance(String address, BigInteger wei) {
        call("anvil_setBalance", List.of(address, Numeric.toHexStringWithPrefix(wei)));
    }

    public void setAutomine(boolean enabled) {
        call("evm_setAutomine", List.of(enabled));
    }

    public void mine(int blocks) {
        call("anvil_mine", List.of(Numeric.toHexStringWithPrefix(BigInteger.valueOf(blocks))));
    }

    public String snapshot() {
        return (String) call("evm_snapshot", List.of());
    }

    public void revert(String snapshotId) {
        call("evm_revert", List.of(snapshotId));
    }

    public Object call(String method, List<?> params) {
        try {
            Response<?> response = new Request<>(method, params, new HttpService(rpcUrl()), GenericResponse.class).send();
            if (response.hasError()) {
                throw new IllegalStateException(method + " failed: " + response.getError().getMessage());
            }
            return response.getResult();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class GenericResponse extends Response<Object> {
    }

    /** Stops the node; with persistent state, it dumps its chain so that {@link #restart()} resumes it. */
    public void stop() {
        if (process == null) {
            return;
        }
        web3j.shutdown();
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public void restart() {
        stop();
        launch();
    }

    /** Stops the node and removes its saved chain, if any: test runs must not leave state in /tmp. */
    @Override
    public void close() {
        stop();
        if (stateFile != null) {
            try (var files = Files.walk(stateFile.getParent())) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not remove anvil's state in " + stateFile.getParent(), e);
            }
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--port", Integer.toString(port),
                "--host", "127.0.0.1", "--silent"));
        if (stateFile != null) {
            command.addAll(List.of("--state", stateFile.toString()));
        }
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start anvil at " + BINARY, e);
        }
        web3j = Web3j.build(new HttpService(rpcUrl()));
        awaitReady();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited with " + process.exitValue());
            }
            try {
                web3j.ethChainId().send();
                return;
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("anvil did not answer on " + rpcUrl() + " within 30 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path locateBinary() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
            Path wrapper = dir.resolve("contracts/node_modules/.bin/anvil");
            if (Files.isExecutable(wrapper)) {
                return wrapper;
            }
        }
        throw new IllegalStateException("anvil is not installed: run 'npm ci' in contracts/ (the Maven build does)");
    }
}
