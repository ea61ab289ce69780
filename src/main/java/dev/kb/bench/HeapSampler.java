package dev.kb.bench;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * This JVM's heap, sampled at a fixed period while something runs: the heap in use, and the heap in use just
 * after the most recent garbage collection. The first swings with every allocation; the second is what survives
 * collection, so a leak shows as that figure climbing.
 */
final class HeapSampler implements AutoCloseable {
    /** {@code afterGcBytes} is -1 before the first collection. */
    record Sample(double seconds, long usedBytes, long afterGcBytes) {
    }

    private final long started = System.nanoTime();
    private final AtomicLong peak = new AtomicLong();
    private final List<Sample> samples = new ArrayList<>();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-sampler");
        t.setDaemon(true);
        return t;
    });

    HeapSampler(long periodMillis) {
        sampler.scheduleAtFixedRate(this::sample, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peak.accumulateAndGet(used, Math::max);
        Sample s = new Sample((System.nanoTime() - started) / 1e9, used, afterLastGc());
        synchronized (samples) {
            samples.add(s);
        }
    }

    /** The heap pools' use after the latest collection of any collector (young or full). */
    private long afterLastGc() {
        GcInfo latest = null;
        for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            GcInfo info = bean instanceof GarbageCollectorMXBean gc ? gc.getLastGcInfo() : null;
            if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                latest = info;
            }
        }
        if (latest == null) {
            return -1;
        }
        return latest.getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    long peak() {
        return peak.get();
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
