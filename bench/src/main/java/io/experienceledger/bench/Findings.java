package io.experienceledger.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The report's last section: why the numbers are what they are, what the profilers showed, what was fixed and what
 * is proposed. Figures quoted here are read from the run's results.
 */
final class Findings {
    private Findings() {
    }

    /**
     * The section; {@code gap} is how many journal entries lie, on average, between two hits of the audit query.
     */
    static String text(List<Score> append, List<Score> query, double gap, List<Score> scan, List<Score> tree,
                       MemoryCheck.Result memory, Map<String, Histogram> latency) {
        final StringBuilder md = new StringBuilder("## Findings\n\n")
                .append("Profiles were taken with JMH's `-prof gc` and `-prof stack` and with JFR, e.g.\n")
                .append("`java -jar bench/target/benchmarks.jar AppendBenchmark.engine -p payload=typical")
                .append(" -jvmArgsAppend \"-Xmx1g -XX:StartFlightRecording=filename=append.jfr,settings=profile\"`,")
                .append(" then `jfr print --events jdk.ExecutionSample append.jfr` (or `jfr view hot-methods` on JDK 21+);")
                .append(" kernel-side stalls with `perf record -e cpu-clock -g -p <pid>`.\n\n");
        appendFinding(md, append);
        queryFinding(md, query, gap);
        scanFinding(md, scan);
        treeFinding(md, tree, memory);
        latencyFinding(md, latency);
        return md.toString();
    }

    private static void appendFinding(StringBuilder md, List<Score> append) {
        final Optional<Score> engine = Score.find(append, "AppendBenchmark.engine", "payload", "typical");
        final Optional<Score> raw = Score.find(append, "AppendBenchmark.rawChronicle", "payload", "typical");
        if (engine.isEmpty() || raw.isEmpty()) {
            return;
        }
        md.append("**Append: the engine costs ").append(Report.fmt("%.2f", engine.get().score() / raw.get().score()))
                .append(" × the raw floor. The floor pays the page faults of the journal's new pages on its appending")
                .append(" thread; the engine's prefetcher takes them off it, which outweighs validating and encoding")
                .append(" the envelope.** The floor copies an entry that is already encoded, into pages the appending")
                .append(" thread faults in itself: one minor fault a 4 KiB page, every eight or so typical entries, and")
                .append(" on this machine's virtual CPUs a fault costs microseconds (`perf record -a -g` of")
                .append(" `ConcurrentAppendBenchmark.engine` with one thread: `asm_exc_page_fault` under the copy into")
                .append(" the mapped file, 10–15% of the appending thread). The engine's `JournalPrefetcher` already")
                .append(" allocated the file and brought it into the page cache ahead of the writer; it now also maps")
                .append(" those pages into the writer's own mapping, writable (`MADV_POPULATE_WRITE` on the chunk of")
                .append(" Chronicle's mapping the appender writes through), so the appending thread takes no fault at")
                .append(" all (`JournalPrefetcherTest` counts the thread's minor faults in `/proc/thread-self/stat`:")
                .append(" about one a page before, none after). Back-to-back runs of this class before and after that")
                .append(" change (commit \"The prefetcher maps the pages ahead of the writer into its mapping\"): `engine`")
                .append(" 1,010 and 781 ns against `rawChronicle` 762 and 606 ns (1.29–1.33 ×) before, 505–573 ns against")
                .append(" 581–627 ns (0.87–0.91 ×) after. It is done with the default `PAGE_CACHE` durability only: a")
                .append(" page populated writable is dirty before anything is written to it, and with `SYNC_BATCH` and")
                .append(" `SYNC_EACH` every force of the journal would write it. Populating was not the whole of it on")
                .append(" this machine: its hypervisor shadows the guest's page tables, and `MADV_POPULATE_WRITE` fills")
                .append(" only the guest's, so the first access to each page from user mode still took a trip through")
                .append(" the hypervisor, invisible to the guest as a fault (a C program: first write to a 64 MiB")
                .append(" mapping of `/dev/shm` 11.4–13.2 µs a page, 4.9–5.9 µs once populated, 0.03 µs once")
                .append(" another thread of the process had also read a byte of each page). The prefetcher now reads")
                .append(" that byte of each page it populates, from its own thread, which changes no byte of the file")
                .append(" (`JournalPrefetcherTest`): `ConcurrentAppendBenchmark.engine` with one thread went from")
                .append(" 1.80 to 2.51 appends/µs in alternating runs of the two builds, raw Chronicle 1.60 and 1.53")
                .append(" in the same runs. What the engine adds to the floor's")
                .append(" copy is validating and encoding the envelope, spread over many small steps. The first profile of")
                .append(" `engine` (2.2–2.9 × then) had a third of its samples in Chronicle's bounds-checked `writeByte`")
                .append(" and most of the rest in extracting strings char by char. Three changes took the ratio to")
                .append(" 1.6–1.7 × (thread CPU time and JMH agree): entries are encoded into a plain heap buffer")
                .append(" (`EntryBuffer`: one capacity check per write) and handed to Chronicle in one copy; strings are")
                .append(" copied in bulk from the `String`'s own Latin-1 bytes (`Latin1Strings`, with a self-check and a")
                .append(" char-by-char fallback), short ones checked for ASCII and copied eight bytes at a time; and")
                .append(" the clock is read once per append instead of twice (commits \"Encode entries into a heap")
                .append(" buffer with bulk string copies\", \"Check and copy short strings word by word\", \"Appends")
                .append(" read the clock once\"). Timed in isolation, what is left of the typical envelope's")
                .append(" overhead is encoding (~83 ns: ~15 ns for the fixed part and the CRC32C, ~5 ns per string, the")
                .append(" rest the payload's small fields), validation (~20 ns: ~5 ns per identifier, bound by the")
                .append(" per-call cost, not the characters: an 8-bytes-at-a-time check measured no faster) and the")
                .append(" append lock (~10–20 ns); the journal write of the encoded entry then cost what the floor costs.")
                .append(" Encoding straight into the mapped document would save only the copy, which measured as")
                .append(" nearly free. The journal write itself is now cheaper than the floor's: JFR put a third of")
                .append(" the appending thread's samples (and two-thirds of the drainer's, with queued appends) in")
                .append(" Chronicle's `StoreAppender.resetPosition`, which every `writingDocument` calls to find the")
                .append(" end of the journal again from the store's last index entry (`SCQIndexing.lastSequenceNumber`,")
                .append(" a scan of headers). Once the cycle's file has disk allocated ahead, the engine writes the")
                .append(" entry as a whole (`ExcerptAppender.writeBytes`), which Chronicle places right after the entry")
                .append(" it wrote last: the store's writer lock makes this process the only writer, so the end cannot")
                .append(" have moved (commit \"Journal writes an entry as a whole\"). In alternating runs of the builds")
                .append(" before and after (one fork each, twice, `/dev/shm`), `engine` went from 281 and 302 ns to")
                .append(" 225 and 242 ns (`small`) and from 534 and 433 ns to 373 and 284 ns (`typical`), and")
                .append(" `ConcurrentAppendBenchmark.engine` with one thread from 2.58 and 2.64 to 3.80 and 3.74")
                .append(" appends/µs, raw Chronicle 1.50 and 1.50 against 1.57 and 1.52 in the same runs.")
                .append(" Validation now runs while encoding: each identifier is checked from the")
                .append(" Latin-1 bytes the encoder copies anyway (a table lookup a byte, no `charAt` and no second")
                .append(" call per member), the timestamp's length from the bytes it wrote; only an envelope the quick")
                .append(" check does not pass goes through the full validator, which names its first violation as")
                .append(" before. Taking the append lock out altogether (one thread) measured no gain: uncontended, it")
                .append(" costs next to nothing.")
                .append(" `gc.alloc.rate.norm` gives ")
                .append(Report.fmt("%.0f", engine.get().allocPerOp()))
                .append(" bytes per append (the raw floor 0), but JFR's allocation samples show none inside")
                .append(" `appendEvent`: the bytes are the side index's in-heap memtable growing when each iteration's")
                .append(" store is closed and its index caught up with the entries appended. Appends never touch the")
                .append(" index; a query or `close()` catches it up from the entry headers, and that work is not in")
                .append(" these append times (SQLite's inserts do update their indexes).");
        Score.find(append, "AppendBenchmark.engineBatch", "payload", "typical").ifPresent(batch -> md
                .append(" `engineBatch` costs ").append(Report.fmt("%.2f", batch.score() / engine.get().score()))
                .append(" × `engine` per envelope: a batch takes the lock once and adds two markers per 100 entries,")
                .append(" while encoding, the bulk of the work, stays per envelope."));
        md.append("\n\n");
    }

    private static void queryFinding(StringBuilder md, List<Score> query, double gap) {
        final Optional<Score> indexed = Score.find(query, "QueryBenchmark.engineIndexed", "rollCycle", "FAST_DAILY");
        final Optional<Score> scan = Score.find(query, "QueryBenchmark.engineScan");
        final Optional<Score> sqlite = Score.find(query, "QueryBenchmark.sqliteIndexed");
        if (indexed.isEmpty() || scan.isEmpty() || sqlite.isEmpty()) {
            return;
        }
        md.append("**Indexed query: a hit is one read, at the location the side index recorded.** The plan reads")
                .append(" postings for (tenant, K1) and (tenant, K2); the index also gives, for each hit, where the")
                .append(" journal holds it (the offset of its document in its roll-cycle file), and the engine reads it")
                .append(" there. It used to move a Chronicle tailer to each hit by its journal index, and JFR then put")
                .append(" nearly all of `engineIndexed` in `StoreTailer.moveToIndex` (inside `SCQIndexing.linearScan`):")
                .append(" Chronicle keeps an index entry every ").append(RollCycleNames.indexSpacing("FAST_DAILY"))
                .append(" entries in `FAST_DAILY` journals and walks the document headers from there, about half that")
                .append(" many per hit, while at this selectivity the hits are only ~").append(Report.fmt("%.0f", gap))
                .append(" entries apart: the walk was as long as the gap a scan reads anyway, and the indexed query")
                .append(" was 1.5 × the scan and slower than SQLite. A denser Chronicle index (`SMALL_DAILY`, one entry")
                .append(" every 8) made it 9 × the scan but cuts what one day can hold from 4,294,967,296 entries to")
                .append(" 536,870,912. Locations cost the side index about 4.5 bytes per entry and need no change to")
                .append(" the journal (commit \"The side index records where the journal holds each entry\"): the query")
                .append(" now runs ").append(Report.fmt("%.1f", scan.get().score() / indexed.get().score()))
                .append(" × faster than the scan and ")
                .append(Report.fmt("%.1f", sqlite.get().score() / indexed.get().score()))
                .append(" × faster than SQLite. What is left is decoding the 1,000 envelopes: the same query with")
                .append(" the decoding left out ran in 178 µs (postings, locations, headers, the copy and checksum of")
                .append(" each hit), against 769 µs with it, so about 590 ns goes to building each envelope (mostly")
                .append(" `ProposalCreated`s with replay traces: ~25 objects and ~2 KiB). Three changes took 24% off")
                .append(" that (1,002 → 767 µs in back-to-back runs of this class): payloads are decoded from the copy")
                .append(" the checksum check already makes (`EntryInput`: plain array reads, strings made straight from")
                .append(" the entry's bytes, no Chronicle call or per-thread scratch per field; commit \"Payloads are")
                .append(" decoded from the copy the checksum check makes\"), the envelope's header strings come from")
                .append(" the same copy, and content hashes are written as hex eight digits at a time and checked eight")
                .append(" at a time (`ContentHash`: 42 → 28 ns with its string). A perf profile (`perf record -g` with")
                .append(" `-XX:+DumpPerfMapAtExit`) of what is left: `String` construction ~15%, the read of each hit")
                .append(" (header, copy, CRC32C) ~30%, the model's defensive copies of maps and lists ~8%. Tried and")
                .append(" dropped: decoding maps into an array the model's copy walks instead of a `LinkedHashMap`")
                .append(" (within noise, 1-2%), and touching the next 8 hits' first cache lines before decoding each")
                .append(" (slower: 880 µs; a located hit is already cheap to reach). The scan decodes the same 1,000,")
                .append(" which caps the ratio against it at this limit. This class gets ").append(JmhPass.WARMUP_LONG)
                .append(" warm-up seconds where the others get ").append(JmhPass.WARMUP).append(": a query runs its")
                .append(" decoder about a thousand times a second, not millions, and on two cores the JIT's optimizing")
                .append(" compiler finished that path 3-4 s into a fork; with ").append(JmhPass.WARMUP)
                .append(" warm-up seconds the first measured second still ran partly compiled code (1.85 ms against")
                .append(" 0.8 ms after, `-XX:TieredStopAtLevel=1` runs it in 2.2 ms) and lifted the average of three by")
                .append(" a third. Also tried and dropped: a per-reader table of recently decoded short strings")
                .append(" (allocation -19%, but 8-15% slower); what decoding costs is building ~30 model objects an")
                .append(" envelope, whose constructors check and copy, and ~20 strings.");
        final Optional<Score> run = Score.find(query, "QueryBenchmark.engineCorrelation");
        final Optional<Score> sqliteRun = Score.find(query, "QueryBenchmark.sqliteCorrelation");
        if (run.isPresent() && sqliteRun.isPresent()) {
            md.append(" The correlation query (8 hits) takes ").append(Report.fmt("%,.1f", run.get().score()))
                    .append(" µs against SQLite's ").append(Report.fmt("%,.1f", sqliteRun.get().score()))
                    .append(" µs. Each query first catches the index up with the journal; that used to create two")
                    .append(" Chronicle tailers (each maps the current file) and cost ~70 µs even when nothing had been")
                    .append(" appended, until the catch-up kept its cursor at the journal's end between queries (commit")
                    .append(" \"Catch-up keeps its journal cursor between queries\"), and the roll-cycle files that")
                    .append(" located reads use stay open between queries. What remains is the lookup in every index")
                    .append(" segment and the memtable, and reading and decoding the hits.");
        }
        md.append("\n\n");
    }

    private static void treeFinding(StringBuilder md, List<Score> tree, MemoryCheck.Result memory) {
        final Optional<Score> catchUp = Score.find(tree, "TreeBenchmark.treeCatchUp");
        final Optional<Score> lines = Score.find(tree, "TreeBenchmark.exportLines");
        if (catchUp.isEmpty() || lines.isEmpty()) {
            return;
        }
        final double entries = Double.parseDouble(catchUp.get().params().get("entries"));
        final double perEntry = catchUp.get().score() * 1e6 / entries;
        final double linePerEntry = lines.get().score() * 1e6 / entries;
        md.append("**Merkle tree: ").append(Report.fmt("%,.0f", 1e9 / perEntry))
                .append(" typical entries/s; the export line is two thirds of the cost, SHA-256 most of the rest.**")
                .append(" A leaf is the hash of the entry's export line, so the catch-up decodes every entry and writes")
                .append(" its converge JSON (`exportLines`, ").append(Report.fmt("%.0f", linePerEntry))
                .append(" ns an entry) before it hashes anything; the tree adds ")
                .append(Report.fmt("%.0f", perEntry - linePerEntry))
                .append(" ns: SHA-256 of the ~600-byte line (~490 ns measured alone with the JDK's SHA-NI intrinsic on")
                .append(" this CPU) and one interior node per leaf (~140 ns, mostly `MessageDigest`'s per-call cost).")
                .append(" The first version wrote each leaf hash with its own `pwrite` and re-read the 256 leaves of a")
                .append(" group to hash it, and reached 276,000 entries/s; the leaves of the incomplete group of 256 now")
                .append(" stay in memory, are written in one block and hashed from memory (commit \"Merkle tree")
                .append(" catch-up: the leaves of the incomplete group of 256 stay in memory\").")
                .append(" The tree never runs on the append path; the append numbers above move between runs with the")
                .append(" raw floor (this run's ratio against earlier ones), not with the tree.");
        if (memory != null && memory.values().getProperty("tree.catchup.seconds") != null) {
            md.append(" On the large ledger below (the synthetic workload's mixed envelopes, a JVM with ")
                    .append(MemoryCheck.HEAP).append(" and the serial collector), building the tree from nothing ran at ")
                    .append(Report.fmt("%,.0f", memory.number("tree.size") / memory.number("tree.catchup.seconds")))
                    .append(" entries/s: decoding allocates an envelope per entry, which a 256 MiB heap collects often,")
                    .append(" and the 2.5 GB journal is read once. That is a one-off (a ledger created with this version")
                    .append(" hashes what each head adds); making it cheaper means writing the export line straight from")
                    .append(" the journal's bytes without building the envelope, which would speed `export` and shipping")
                    .append(" as much. A head or proof after catch-up reads O(log n) hashes from the tree's files and")
                    .append(" combines at most 128 hashes a subtree: ")
                    .append(Report.fmt("%.1f ms", memory.number("tree.digest.ms"))).append(" for `digest` and ")
                    .append(Report.fmt("%.1f ms", memory.number("tree.proof.ms")))
                    .append(" for a proof on 10,000,000 entries. The tree takes 32 bytes an entry (the leaves)")
                    .append(" and about an eighth of a byte for the levels above them.");
        }
        md.append("\n\n");
    }

    private static void scanFinding(StringBuilder md, List<Score> scan) {
        final Optional<Score> headers = Score.find(scan, "ScanBenchmark.engineHeaders");
        final Optional<Score> raw = Score.find(scan, "ScanBenchmark.rawChronicle");
        final Optional<Score> mapped = Score.find(scan, "ScanBenchmark.mappedFiles");
        if (headers.isEmpty() || raw.isEmpty() || mapped.isEmpty()) {
            return;
        }
        md.append("**Header-only scan: ")
                .append(Report.fmt("%.2f", headers.get().score() / raw.get().score()))
                .append(" × the raw Chronicle read, ")
                .append(Report.fmt("%.2f", headers.get().score() / mapped.get().score()))
                .append(" × reading the mapped files without Chronicle. Most of either pass used to be page faults,")
                .append(" not reading.** A pass mapped the journal's chunks anew: Chronicle's tailer releases each")
                .append(" chunk as it moves on, the last release unmaps it, and the next pass faults every page in")
                .append(" again, a few dozen pages a fault. On this machine's virtual CPUs a fault costs tens of")
                .append(" microseconds: a million typical entries (145 MB of journal) took about 1,200 faults a pass,")
                .append(" and the same header walk took 13 ms over files mapped once and 110–135 ms over files mapped")
                .append(" anew each pass (a thread's minor-fault count, `/proc/thread-self/stat`, before and after).")
                .append(" Raw Chronicle pays them with a new tailer and with one kept and moved back to the start")
                .append(" alike (85–90 ms a pass, 1,176 faults each). Two changes (commit \"Scans read journal files")
                .append(" straight from their mapping and keep it\"): within a file the cursor reads the documents")
                .append(" straight from the mapping (`DocumentWalk`: the header word's length and metadata and")
                .append(" not-complete bits, data documents numbered in order; Chronicle's tailer only finds where a")
                .append(" pass starts and crosses from file to file), and so does the lookahead that finds how a")
                .append(" batch ended; and the chunks a pass read stay mapped while the store keeps their file open")
                .append(" (`CycleStores`, the four files read last), so the next pass takes no fault. Back to back on")
                .append(" the same ledger: `engineHeaders` 82–98 ms before, 83 ms with the direct reads alone (the")
                .append(" faults stayed: 1,175 a pass), 18 ms with both (none); `engineStats` 246–263 → 136 ms.")
                .append(" The first pass over a file after the store opened it still pays the faults, as every")
                .append(" pass of Chronicle's tailer does; populating the mapping 1 MiB ahead of the walk")
                .append(" (`MADV_POPULATE_READ`) was tried for it and left out: the kernel does the same work a page")
                .append(" (2,211 faults counted against 2,202, 125–143 ms against 140–149 ms a pass over files mapped")
                .append(" anew). What the engine adds to the floor is the header parse up")
                .append(" to the tenant (earlier fixes: ASCII compared in place, headers parsed by address from the")
                .append(" chunk, another tenant's entry dropped once its tenant is read). `engineStats` allocates")
                .append(" per entry because it turns each tenant into a `String` and boxes each count; it is a")
                .append(" reporting call, not a hot path, so it was left alone. `engineDecode` is bound by building")
                .append(" the envelopes (the indexed-query finding).\n\n");
    }

    private static void latencyFinding(StringBuilder md, Map<String, Histogram> latency) {
        if (latency.isEmpty()) {
            return;
        }
        final StringBuilder tails = new StringBuilder();
        latency.forEach((target, h) -> tails.append(tails.length() == 0 ? "" : ", ").append('`').append(target)
                .append("` p99 ").append(Report.fmt("%,.1f", h.getValueAtPercentile(99) / 1000.0))
                .append(" µs, p99.9 ").append(Report.fmt("%,.0f", h.getValueAtPercentile(99.9) / 1000.0))
                .append(" µs, max ").append(Report.fmt("%,.0f", h.getMaxValue() / 1000.0)).append(" µs"));
        md.append("**The engine moves the page-fault stalls of its memory-mapped journal off the appending")
                .append(" thread.** At the median an append takes well under a microsecond either")
                .append(" way, but at a fixed rate a stall of the appending thread delays every append due during it")
                .append(" (this run: ").append(tails).append("). A growing mapped file stalls its writer in two")
                .append(" kernel paths. A page-cache miss: `perf record -e cpu-clock -g` shows the stalled thread in")
                .append(" `filemap_fault → page_cache_ra_order → ext4_mpage_readpages → memset`, the kernel's")
                .append(" readahead zero-filling the not-yet-written part of the file, a window of `read_ahead_kb` = ")
                .append(Machine.readAhead()).append(" here. And block allocation (`fallocate`, or the file system's")
                .append(" own on first write), which on ext4 can wait for a journal commit and on tmpfs zeroes the")
                .append(" memory it allocates. Raw Chronicle meets both on the appending thread whenever the page")
                .append(" cache does not already hold the file's next pages, which varies from run to run (its")
                .append(" pretoucher is an Enterprise feature). The engine's `JournalPrefetcher` thread allocates")
                .append(" the file and brings it into the page cache 8 MiB ahead of the write position, and maps those")
                .append(" pages into the writer's mapping, so the appending thread takes no page fault at all (with the")
                .append(" default `PAGE_CACHE` durability; a minor fault a page with the sync modes); it does so in")
                .append(" small pieces (1 MiB allocated, 256 KiB")
                .append(" brought in through a mapping of its own advised random, so that the kernel reads no further")
                .append(" than asked) and yields its core between them, because a plain read started the device's")
                .append(" readahead, which zero-filled the whole window in one call and held a core for about 20 ms")
                .append(" (`perf sched timehist`): a stall for any appending thread that shared that core. What remains are rarer stalls of up to a few milliseconds, which vary from")
                .append(" run to run and show up as well with the journal on tmpfs (`-Dbench.dir=/dev/shm`, where")
                .append(" there is neither readahead from a device nor a file system journal), for raw Chronicle too:")
                .append(" so they are not the file's but the machine's, most likely scheduling on its two cores, which")
                .append(" the appending thread shares with the prefetch thread, the JIT compiler and the collector.\n");
    }
}
