package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reading strings on several threads at once, each with its own {@link EntryInput} over its own bytes: nothing a
 * string is decoded through is shared between readers, so no thread ever gets another's text.
 */
class Utf8ThreadsTest {
    private static final int THREADS = 4;
    private static final int READS = 20_000;

    @Test
    void threadsReadingAtOnceEachGetTheirOwnText() throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            final CountDownLatch start = new CountDownLatch(1);
            final List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                results.add(pool.submit(() -> {
                    // texts of other lengths on each thread, ASCII and not, short and past the scratch's first size
                    final List<String> texts = List.of("t" + thread, ("thread-" + thread + "-").repeat(20 + thread),
                            "caf\u00e9 " + thread, "\u65e5\u672c " + "x".repeat(300 + thread));
                    final EntryBuffer buffer = new EntryBuffer(256);
                    for (String text : texts) {
                        Utf8.write(buffer, text);
                    }
                    final EntryInput in = new EntryInput();
                    start.await();
                    int checked = 0;
                    for (int i = 0; i < READS; i++) {
                        in.wrap(buffer.array(), 0, buffer.position(), 0);
                        for (String text : texts) {
                            assertEquals(text, Utf8.read(in));
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(4 * READS, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
