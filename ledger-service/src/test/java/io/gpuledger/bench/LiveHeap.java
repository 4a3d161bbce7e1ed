package io.gpuledger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of another JVM, measured from outside as an operator would: {@code jcmd PID GC.run} (a full
 * collection, System.gc), then the heap's used bytes from {@code jcmd PID GC.heap_info}. Under G1 that is the
 * heap's one "used" figure; under the generational collectors the sum of the generations'.
 */
final class LiveHeap {

    /** "used 4109K" of a heap or a generation; not the spaces' "8% used" nor the metaspace's, which follow the heap. */
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private LiveHeap() {
    }

    /** Bytes in use after a full collection. */
    static long afterFullGc(long pid) {
        jcmd(pid, "GC.run");
        return usedBytes(jcmd(pid, "GC.heap_info"));
    }

    /** The heap's used bytes in GC.heap_info's answer. */
    static long usedBytes(String heapInfo) {
        int metaspace = heapInfo.indexOf("Metaspace");
        Matcher used = USED.matcher(metaspace < 0 ? heapInfo : heapInfo.substring(0, metaspace));
        long kilobytes = 0;
        boolean found = false;
        while (used.find()) {
            kilobytes += Long.parseLong(used.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("no heap figure in jcmd's answer: " + heapInfo);
        }
        return kilobytes * 1024;
    }

    private static String jcmd(long pid, String command) {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        try {
            Process run = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                    .redirectErrorStream(true).start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!run.waitFor(120, TimeUnit.SECONDS) || run.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
