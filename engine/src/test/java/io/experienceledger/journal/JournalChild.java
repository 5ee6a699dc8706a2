package io.experienceledger.journal;

import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.StoreFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of the multi-process tests. Modes:
 * <ul>
 *   <li>{@code batches DIR SIZE} — appends batches of SIZE events forever, printing {@code ack N} after batch N
 *       returned (ids {@code b<N>-<i>});</li>
 *   <li>{@code slowbatches DIR SIZE} — like {@code batches}, streaming each batch ({@code appendBatch}) with a pause
 *       of 100 ms before every event, so that a batch spans roll cycles of a short roll cycle;</li>
 *   <li>{@code singles DIR} — appends single events forever, printing {@code ack N} after event N;</li>
 *   <li>{@code queued-open DIR} — opens the store with queued appends and prints {@code opened DIR} or
 *       {@code refused MESSAGE}, then (refused) opens it without them and prints {@code then opened};</li>
 *   <li>{@code queued DIR} — two threads append single events {@code q<T>-<N>} forever with queued appends (in
 *       bursts of 64, a millisecond apart), while
 *       the main thread flushes and then prints {@code ack A B}: how many each thread had appended before the
 *       flush began;</li>
 *   <li>{@code hold DIR} — opens the store writable, prints {@code ready} and waits to be killed;</li>
 *   <li>{@code count DIR N PREFIX} — appends N single events with ids {@code PREFIX-<i>}, then closes;</li>
 *   <li>{@code unclosed DIR N PREFIX} — appends N single events with ids {@code PREFIX-<i>}, prints {@code done}
 *       and waits to be killed, so that the store is never closed;</li>
 *   <li>{@code tree DIR SEED} — appends batches of 1 to 3000 events forever, asking for the Merkle tree's head after
 *       each and printing {@code head <size>:<root>};</li>
 *   <li>{@code prune DIR BEFORE_MILLIS ARCHIVE} — prints {@code opened}, prunes the files that ended before
 *       BEFORE_MILLIS to ARCHIVE, prints {@code pruned N} and closes;</li>
 *   <li>{@code retain DIR CYCLES} — opens the store with automatic retention of CYCLES roll cycles and appends single
 *       events {@code s-<N>} forever, about one a millisecond, printing {@code ack N} every 100;</li>
 *   <li>{@code probe DIR} — tries to open the store writable for 200 ms and prints {@code acquired} or
 *       {@code refused}.</li>
 * </ul>
 */
public final class JournalChild {
    private JournalChild() {
    }

    public static void main(String[] args) throws Exception {
        final Path dir = Path.of(args[1]);
        if (args[0].equals("probe")) {
            try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).blockSize(1L << 20)
                    .writerLockTimeout(Duration.ofMillis(200)).open()) {
                System.out.println("acquired " + store.directory());
            } catch (ExperienceStoreException e) {
                System.out.println("refused");
            }
            return;
        }
        if (args[0].equals("queued-open")) {
            try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).queuedAppends().open()) {
                System.out.println("opened " + store.directory());
            } catch (ExperienceStoreException e) {
                System.out.println("refused " + e.getMessage());
                // the refused open let go of everything: the same process opens the store without queued appends
                try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir)
                        .writerLockTimeout(Duration.ofMillis(200)).open()) {
                    System.out.println("then opened");
                } catch (ExperienceStoreException again) {
                    System.out.println("then refused " + again.getMessage());
                }
            }
            return;
        }
        if (args[0].equals("queued")) {
            // queued appends from two threads; after each flush, prints the count every thread had appended before it
            try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).blockSize(1L << 20)
                    .queuedAppends().open()) {
                final java.util.concurrent.atomic.AtomicLongArray appended =
                        new java.util.concurrent.atomic.AtomicLongArray(2);
                for (int t = 0; t < 2; t++) {
                    final int thread = t;
                    final Thread appender = new Thread(() -> {
                        for (long n = 0; ; n++) {
                            store.appendEvent(StoreFixtures.engine("q" + thread + "-" + n, "2026-05-10T08:00:00Z"));
                            appended.set(thread, n + 1);
                            if (n % 64 == 63) {
                                // bursts of 64: the ledger stays small enough to check quickly after the kill
                                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                            }
                        }
                    });
                    appender.setDaemon(true);
                    appender.start();
                }
                while (true) {
                    final long first = appended.get(0);
                    final long second = appended.get(1);
                    store.flush();
                    System.out.println("ack " + first + " " + second);
                    System.out.flush();
                    Thread.sleep(2);
                }
            }
        }
        if (args[0].equals("retain")) {
            try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).blockSize(1L << 20)
                    .retainCycles(Integer.parseInt(args[2])).open()) {
                for (long n = 0; ; n++) {
                    store.appendEvent(StoreFixtures.engine("s-" + n, "2026-03-01T00:00:00Z"));
                    if (n % 100 == 99) {
                        System.out.println("ack " + n);
                    }
                    Thread.sleep(1);
                }
            }
        }
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).blockSize(1L << 20)
                .writerLockTimeout(Duration.ofSeconds(20)).open()) {
            if (args[0].equals("prune")) {
                System.out.println("opened");
                final PruneResult result = store.prune(PruneRequest.before(java.time.Instant.ofEpochMilli(
                        Long.parseLong(args[2]))).archiveTo(Path.of(args[3])));
                System.out.println("pruned " + result.files().size());
                return;
            }
            switch (args[0]) {
                case "batches" -> batches(store, Integer.parseInt(args[2]));
                case "slowbatches" -> slowBatches(store, Integer.parseInt(args[2]));
                case "singles" -> singles(store);
                case "tree" -> treeHeads(store, Long.parseLong(args[2]));
                case "count" -> {
                    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                        store.appendEvent(StoreFixtures.engine(args[3] + "-" + i, "2026-05-10T08:00:00Z"));
                    }
                    System.out.println("done");
                }
                case "unclosed" -> {
                    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                        store.appendEvent(StoreFixtures.engine(args[3] + "-" + i, "2026-05-10T08:00:00Z"));
                    }
                    System.out.println("done");
                    System.out.flush();
                    Thread.sleep(Long.MAX_VALUE);
                }
                case "hold" -> {
                    System.out.println("ready");
                    System.out.flush();
                    Thread.sleep(Long.MAX_VALUE);
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    private static void slowBatches(ChronicleExperienceStore store, int size) throws InterruptedException {
        for (long n = 0; ; n++) {
            final long batch = n;
            final java.util.Iterator<io.experienceledger.model.ExperienceRecord> records = new java.util.Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public io.experienceledger.model.ExperienceRecord next() {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new io.experienceledger.model.ExperienceRecord.Engine(
                            StoreFixtures.engine("b" + batch + "-" + next++, "2026-05-10T08:00:00Z"));
                }
            };
            store.appendBatch(records);
            System.out.println("ack " + n);
            System.out.flush();
        }
    }

    private static void batches(ChronicleExperienceStore store, int size) {
        for (long n = 0; ; n++) {
            final List<ExperienceEventEnvelope> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(StoreFixtures.engine("b" + n + "-" + i, "2026-05-10T08:00:00Z"));
            }
            store.appendEvents(batch);
            System.out.println("ack " + n);
            System.out.flush();
        }
    }

    private static void treeHeads(ChronicleExperienceStore store, long seed) {
        final java.util.Random random = new java.util.Random(seed);
        for (long n = 0; ; n++) {
            final int size = 1 + random.nextInt(3000);
            final List<ExperienceEventEnvelope> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(StoreFixtures.engine("t" + n + "-" + i, "2026-05-10T08:00:00Z"));
            }
            store.appendEvents(batch);
            System.out.println("head " + store.tree().head());
            System.out.flush();
        }
    }

    private static void singles(ChronicleExperienceStore store) {
        for (long n = 0; ; n++) {
            store.appendEvent(StoreFixtures.engine("s" + n, "2026-05-10T08:00:00Z"));
            System.out.println("ack " + n);
            System.out.flush();
        }
    }
}
