package io.experienceledger.journal;

import java.io.File;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.Wires;

/**
 * Reads journal entries at the locations the side index recorded for them (the byte offset of an entry's document
 * in its roll-cycle file), so that reaching a query's hit is one read. Finding an entry by its journal index
 * instead walks Chronicle's document headers from the nearest entry of Chronicle's own index, up to 255 of them
 * with the default roll cycle: most of the cost of an indexed query before locations were recorded.
 *
 * <p>A location is trusted only as far as what it finds there checks out: a complete data document of the
 * journal inside the file, whose entry header parses and is not a batch marker. Otherwise {@link #read} answers
 * false and the caller finds the entry by its index. Reads one roll cycle at a time, through its own bytes over a
 * file {@link CycleStores} keeps open; not thread-safe, one per query; close it when done.
 */
final class LocatedReads implements AutoCloseable {
    private static final int DOCUMENT_HEADER_LENGTH = 4;

    private final CycleStores stores;
    private final RollCycle rollCycle;
    private MappedBytes bytes;
    private int cycle = Integer.MIN_VALUE;
    private long fileLength;

    LocatedReads(Journal journal) {
        this.stores = journal.cycleStores();
        this.rollCycle = journal.queue().rollCycle();
    }

    /**
     * Wraps {@code header} over the entry with journal index {@code index} found at {@code location}.
     *
     * @return true when the entry is there; its bytes are then {@link #bytes()} until the next call
     */
    boolean read(long index, long location, EntryHeader header) {
        if (location < DOCUMENT_HEADER_LENGTH || !map(rollCycle.toCycle(index))) {
            return false;
        }
        if (location > fileLength && (fileLength = file().length()) < location) {
            return false;
        }
        final int word = bytes.readVolatileInt(location - DOCUMENT_HEADER_LENGTH);
        if (!Wires.isReadyData(word)) {
            return false;
        }
        final long end = location + Wires.lengthOf(word);
        if (end > fileLength && (fileLength = file().length()) < end) {
            return false;
        }
        // as Chronicle's tailer does: maps the chunk that holds the whole document (chunks overlap by more than the
        // largest entry), so that the reads below never straddle two mappings
        bytes.readPositionRemaining(location, end - location);
        header.wrapDocument(bytes);
        return header.problem() == null && header.isData();
    }

    /** The journal bytes of the entry last {@link #read}. */
    Bytes<?> bytes() {
        return bytes;
    }

    private boolean map(int wanted) {
        if (wanted == cycle) {
            return bytes != null;
        }
        release();
        cycle = wanted;
        bytes = stores.lend(wanted);
        if (bytes == null) {
            return false;
        }
        // a lower bound: read() looks at the file again only for a location past it
        fileLength = stores.knownLength(wanted);
        return true;
    }

    /** The file of the entry last {@link #read}. */
    File file() {
        return bytes.mappedFile().file();
    }

    private void release() {
        if (bytes != null) {
            stores.giveBack(cycle, bytes, fileLength);
            bytes = null;
        }
        cycle = Integer.MIN_VALUE;
    }

    @Override
    public void close() {
        release();
    }
}
