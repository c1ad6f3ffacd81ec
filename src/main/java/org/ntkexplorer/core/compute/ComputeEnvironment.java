package org.ntkexplorer.core.compute;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.nd4j.linalg.factory.Nd4j;

/** What the numerical backend is and how much room it has, for the CLI's {@code info} and the status bar. */
public final class ComputeEnvironment {
    private static final boolean ONE_DNN = Nd4j.getBackend().buildInfo().contains("HAVE_ONEDNN");

    private ComputeEnvironment() {
    }

    /** "CUDA" when ND4J runs on a GPU backend, else "CPU". */
    public static String backendKind() {
        String name = Nd4j.getBackend().getClass().getName().toLowerCase();
        return name.contains("cuda") || name.contains("jcublas") ? "CUDA" : "CPU";
    }

    /**
     * Whether the ND4J natives in use were built with oneDNN (the x86-64 builds), which decides the convolution route.
     * It lives here, with the other facts about the backend, so that the low-level ops can ask without a cycle.
     */
    public static boolean oneDnn() {
        return ONE_DNN;
    }

    public static Map<String, String> describe() {
        Map<String, String> info = new LinkedHashMap<>();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        info.put("backend", backendKind() + " (" + Nd4j.getBackend().getClass().getSimpleName() + ")");
        info.put("onednn", oneDnn() ? "yes" : "no");
        info.put("blas.vendor", String.valueOf(env.getOrDefault("blas.vendor", "unknown")));
        info.put("blas.threads", String.valueOf(env.getOrDefault("omp.threads", "unknown")));
        info.put("cpu.cores", String.valueOf(env.getOrDefault("cores", Runtime.getRuntime().availableProcessors())));
        // Every figure comes from MemoryBudget, the account that refusals and the status bar use too.
        info.put("memory.split", MemoryBudget.split());
        info.put("memory.max", mib(MemoryBudget.ceilingBytes()) + " (whole process, heap included)");
        info.put("heap.max", mib(MemoryBudget.heapMaxBytes()));
        info.put("heap.free", mib(MemoryBudget.availableHeapBytes()));
        info.put("offheap.max", mib(MemoryBudget.offHeapCeilingBytes()) + " (memory.max less heap.max)");
        info.put("offheap.free", mib(MemoryBudget.availableBytes()));
        info.put("physical.memory", mib(org.bytedeco.javacpp.Pointer.totalPhysicalBytes()));
        info.put("physical.free", mib(org.bytedeco.javacpp.Pointer.availablePhysicalBytes()));
        info.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return info;
    }

    static String mib(long bytes) {
        return bytes <= 0 ? "unknown" : MemoryBudget.mib(bytes);
    }
}
