package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import io.experienceledger.store.InMemoryExperienceStore;
import io.experienceledger.workload.SyntheticWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands open a ledger with the roll cycle it was created with: here Chronicle's one-second test cycle, with
 * a journal of several files (the setup waits for the clock to pass a second between appends).
 */
class MultiFileLedgerCommandTest {
    private static final int SIZE = 400;

    @TempDir
    static Path dir;

    private static Path store;
    private static List<ExperienceRecord> records;
    private static final InMemoryExperienceStore ORACLE = new InMemoryExperienceStore();

    @BeforeAll
    static void createStore() {
        final SyntheticWorkload workload = new SyntheticWorkload(5, Fixture.TENANTS);
        final List<ExperienceRecord> written = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            written.add(workload.next());
        }
        records = List.copyOf(written);
        store = dir.resolve("ledger");
        writeAcrossTwoCycles(store, records);
        for (ExperienceRecord record : records) {
            if (record instanceof ExperienceRecord.Engine engine) {
                ORACLE.appendEvent(engine.value());
            } else {
                ORACLE.appendUserEvent(((ExperienceRecord.User) record).value());
            }
        }
        assertTrue(journalFiles(store).size() >= 2, () -> "one journal file: " + journalFiles(store));
    }

    @Test
    void queryAndExportAnswerFromEveryFile() {
        final Cli.Result all = Cli.run("query", "--store", store.toString());
        assertEquals(0, all.code(), all::toString);
        assertEquals(Fixture.lines(ORACLE.queryEvents(EventQuery.all())), all.out());

        final Cli.Result acme = Cli.run("query", "--store", store.toString(), "--tenant", "acme", "--records");
        assertEquals(0, acme.code(), acme::toString);
        assertEquals(Fixture.recordLines(ORACLE.queryRecords(EventQuery.all().withTenant(TenantId.of("acme")))), acme.out());

        final Cli.Result export = Cli.run("export", "--store", store.toString());
        assertEquals(0, export.code(), export::toString);
        assertEquals(Cli.jsonLines(records), export.out());
    }

    @Test
    void statsAndVerifyReadEveryFile() {
        final Cli.Result stats = Cli.run("stats", "--store", store.toString());
        assertEquals(0, stats.code(), stats::toString);
        assertEquals("entries   " + SIZE, stats.lines().get(1));
        assertEquals("damage    none", stats.lines().get(4));

        final Cli.Result verify = Cli.run("verify", "--store", store.toString());
        assertEquals(0, verify.code(), verify::toString);
        assertTrue(verify.out().startsWith("intact: " + SIZE + " journal entries, tree head " + SIZE + ":"), verify.out());
    }

    @Test
    void appendWritesInTheLedgersCycleAndTheDigestStillHolds() throws Exception {
        final Path other = dir.resolve("appended");
        writeAcrossTwoCycles(other, records.subList(0, 40));
        final Cli.Result digest = Cli.run("digest", "--store", other.toString());
        assertEquals(0, digest.code(), digest::toString);
        final int files = journalFiles(other).size();

        Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 20);
        final Cli.Result appended = Cli.runWithInput(Cli.jsonLines(records.subList(40, 60)), "append", "--store",
                other.toString());
        assertEquals(0, appended.code(), appended::toString);

        assertTrue(journalFiles(other).size() > files, journalFiles(other)::toString);
        for (String file : journalFiles(other)) {
            assertTrue(file.matches("\\d{8}-\\d{6}T\\.cq4"), file);
        }
        final Cli.Result verify = Cli.run("verify", "--store", other.toString(), "--digest", digest.out().strip());
        assertEquals(0, verify.code(), verify::toString);
        assertTrue(verify.out().startsWith("intact: ") && verify.out().contains("unchanged"), verify.out());
        assertEquals(Cli.jsonLines(records.subList(0, 60)), Cli.run("export", "--store", other.toString()).out());
    }

    /** Creates a ledger with the one-second cycle: half of {@code written}, then, in the next second, the rest. */
    private static void writeAcrossTwoCycles(Path ledger, List<ExperienceRecord> written) {
        try (ChronicleExperienceStore created = ChronicleExperienceStore.builder(ledger).blockSize(1L << 20)
                .rollCycle(TestRollCycles.TEST_SECONDLY).open()) {
            for (int i = 0; i < written.size(); i++) {
                if (i == written.size() / 2) {
                    Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 20);
                }
                if (written.get(i) instanceof ExperienceRecord.Engine engine) {
                    created.appendEvent(engine.value());
                } else {
                    created.appendUserEvent(((ExperienceRecord.User) written.get(i)).value());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> journalFiles(Path ledger) {
        try (Stream<Path> files = Files.list(ledger.resolve("journal"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
