package io.experienceledger.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * CPU time so far: of each live Java thread by id (with its name), of the whole process, in GC and in the JIT
 * compilers (their wall time, all compiler threads added up); and the bytes the calling thread allocated. Two of
 * them tell where the time between went ({@link #since}); the Kafka harnesses split it by thread this way.
 */
record Cpu(Map<Long, Long> threads, Map<Long, String> names, long process, long gcCount, long gcMillis,
           long jitMillis, long callerAllocated) {
    static Cpu now() {
        final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        final long[] ids = bean.getAllThreadIds();
        final Map<Long, Long> threads = new HashMap<>();
        final Map<Long, String> names = new HashMap<>();
        final ThreadInfo[] infos = bean.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            final long cpu = bean.getThreadCpuTime(ids[i]);
            if (cpu >= 0 && infos[i] != null) {
                threads.put(ids[i], cpu);
                names.put(ids[i], infos[i].getThreadName());
            }
        }
        final long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        long gc = 0;
        long collections = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
            collections += Math.max(0, collector.getCollectionCount());
        }
        final long allocated = ((com.sun.management.ThreadMXBean) bean)
                .getThreadAllocatedBytes(Thread.currentThread().getId());
        final long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        return new Cpu(threads, names, process, collections, gc, jit, allocated);
    }

    /** CPU used since {@code before} by the threads whose id {@code matches}, threads new since then included. */
    long since(Cpu before, LongPredicate matches) {
        long total = 0;
        for (Map.Entry<Long, Long> thread : threads.entrySet()) {
            if (matches.test(thread.getKey())) {
                total += thread.getValue() - before.threads.getOrDefault(thread.getKey(), 0L);
            }
        }
        return total;
    }

    /** CPU used since {@code before} by the threads whose name starts with {@code prefix}. */
    long sinceNamed(Cpu before, String prefix) {
        return since(before, id -> names.get(id).startsWith(prefix));
    }
}
