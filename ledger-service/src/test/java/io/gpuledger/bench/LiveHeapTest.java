package io.gpuledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The live heap measured from outside a JVM that holds a known amount live and has left much more garbage. */
class LiveHeapTest {

    private static final int LIVE_MIB = 64;

    @ParameterizedTest
    @ValueSource(strings = {"-XX:+UseG1GC", "-XX:+UseSerialGC", "-XX:+UseParallelGC"})
    void theLiveHeapAfterAFullCollectionCountsWhatIsHeldAndNotTheGarbage(String collector) throws Exception {
        Process holder = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                collector, "-Xmx1g", "-cp", System.getProperty("java.class.path"), Holder.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("holding");

            long live = LiveHeap.afterFullGc(holder.pid());

            assertThat(live).isBetween(LIVE_MIB * 1024L * 1024, (LIVE_MIB + 24) * 1024L * 1024);
        } finally {
            holder.getOutputStream().close();
            holder.destroyForcibly().waitFor();
        }
    }

    /** Holds 64 MiB in 64 KiB arrays (not G1's humongous ones), leaves 512 MiB of garbage behind, says so and waits for its input to end. */
    public static final class Holder {

        static byte[][] held;

        public static void main(String[] args) throws Exception {
            held = new byte[LIVE_MIB * 16][];
            for (int i = 0; i < held.length; i++) {
                held[i] = new byte[64 * 1024];
            }
            long garbage = 0;
            for (int i = 0; i < 512 * 16; i++) {
                garbage += new byte[64 * 1024].length;
            }
            System.out.println(garbage > 0 ? "holding" : "");
            System.out.flush();
            // Held until the test closes this process's input (or ends it).
            System.in.read();
            System.out.println(held.length);
        }
    }
}
