/**
 * The side index of a journal: which journal positions carry a (tenant, kind), a kind, a correlation id or a
 * trace link id, answered without scanning the journal and without holding the store in the heap.
 *
 * <p>Public, for the journal: {@link io.experienceledger.index.SideIndex} (open, catch up, look up),
 * {@link io.experienceledger.index.IndexOptions}, {@link io.experienceledger.index.IndexState}, and the
 * allocation-free iterators {@link io.experienceledger.index.Postings},
 * {@link io.experienceledger.index.PostingsCursor} and {@link io.experienceledger.index.PostingsUnion}.
 * Everything else is package-private: the memtable, the segment and manifest files with their
 * {@code *Descriptor} layouts, the writer, the merger, the compaction policy, the write lock and the key hash.
 * {@code docs/format-index.md} describes the files and the reasons behind them.
 */
package io.experienceledger.index;
