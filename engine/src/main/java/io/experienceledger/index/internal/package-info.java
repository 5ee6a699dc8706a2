/**
 * Not API: the side index of the journal store, public only so that the journal package can use it. It may change
 * in any release without notice; depend on {@link io.experienceledger.journal.ChronicleExperienceStore} instead.
 *
 * <p>The side index of a journal: which journal positions carry a (tenant, kind), a kind, a correlation id or a
 * trace link id, answered without scanning the journal and without holding the store in the heap. Used by the
 * journal: {@link io.experienceledger.index.internal.SideIndex} (open, catch up, look up),
 * {@link io.experienceledger.index.internal.IndexState}, and the allocation-free iterators
 * {@link io.experienceledger.index.internal.Postings}, {@link io.experienceledger.index.internal.PostingsCursor}
 * and {@link io.experienceledger.index.internal.PostingsUnion}. Everything else is package-private: the memtable,
 * the segment and manifest files with their {@code *Descriptor} layouts, the writer, the merger, the compaction
 * policy, the write lock and the key hash. {@code docs/format-index.md} describes the files and the reasons behind
 * them.
 */
package io.experienceledger.index.internal;
