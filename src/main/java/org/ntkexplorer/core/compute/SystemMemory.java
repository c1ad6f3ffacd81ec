package org.ntkexplorer.core.compute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The memory the machine can give this process now, as the kernel's out-of-memory killer sees it: MemAvailable of
 * /proc/meminfo, and, inside a container or a Slurm job, the cgroup's limit less its usage (cgroup v2 memory.max and
 * memory.current, or v1 memory.limit_in_bytes and memory.usage_in_bytes). Comparing estimates with the RAM instead
 * let a run be killed at 22 GB on a 24 GB machine that had another 2.8 GB process running.
 *
 * <p>Files are read under a root directory so that tests can fake a nearly full machine or a tight cgroup.
 */
public final class SystemMemory {
    /** cgroup v1 reports "no limit" as a huge number (2⁶³ rounded down to a page); anything above this is none. */
    private static final long NO_LIMIT = 1L << 60;

    private final Path root;

    public SystemMemory(Path root) {
        this.root = root;
    }

    /** The running machine's. */
    public static SystemMemory host() {
        return new SystemMemory(Path.of("/"));
    }

    /** Bytes that can still be allocated without swapping or being killed, or -1 when nothing can be read. */
    public long availableBytes() {
        long avail = meminfo("MemAvailable:");
        long cgroupRoom = cgroupLimit() > 0 ? Math.max(0, cgroupLimit() - Math.max(0, cgroupUsage())) : -1;
        return minKnown(avail, cgroupRoom);
    }

    /** The most this process could ever have: the RAM, or the cgroup's limit when lower; -1 if unknown. */
    public long totalBytes() {
        return minKnown(meminfo("MemTotal:"), cgroupLimit());
    }

    /** The cgroup's memory limit in bytes, or -1 when there is none. */
    public long cgroupLimit() {
        long v2 = number(root.resolve("sys/fs/cgroup/memory.max"));
        if (v2 > 0) {
            return v2 < NO_LIMIT ? v2 : -1;
        }
        long v1 = number(root.resolve("sys/fs/cgroup/memory/memory.limit_in_bytes"));
        return v1 > 0 && v1 < NO_LIMIT ? v1 : -1;
    }

    private long cgroupUsage() {
        long v2 = number(root.resolve("sys/fs/cgroup/memory.current"));
        return v2 >= 0 ? v2 : number(root.resolve("sys/fs/cgroup/memory/memory.usage_in_bytes"));
    }

    /** A "Key:   123 kB" line of meminfo in bytes, or -1. */
    private long meminfo(String key) {
        try {
            List<String> lines = Files.readAllLines(root.resolve("proc/meminfo"));
            for (String line : lines) {
                if (line.startsWith(key)) {
                    String[] f = line.substring(key.length()).trim().split("\\s+");
                    long value = Long.parseLong(f[0]);
                    return f.length > 1 && f[1].equalsIgnoreCase("kB") ? value * 1024 : value;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no /proc: the caller falls back to what the JVM and JavaCPP know.
        }
        return -1;
    }

    /** A file holding one number ("max" and unreadable files give -1). */
    private static long number(Path file) {
        try {
            String s = Files.readString(file).trim();
            return s.equals("max") ? Long.MAX_VALUE : Long.parseLong(s);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long minKnown(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
