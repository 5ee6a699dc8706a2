package io.experienceledger.journal;

import io.experienceledger.model.ExperienceEventKind;

/**
 * The layout of one journal entry (one Chronicle Queue document), format 1.0. All integers little-endian.
 *
 * <pre>
 *   offset  size  field
 *   0       1     format major (1); an entry of another major is reported as damage and left out, never decoded
 *   1       1     format minor (0); readers accept any minor of their major
 *   2       1     entry type: 1 engine envelope, 2 user envelope, 3 batch begin, 4 batch commit, 5 batch abort
 *   3       1     kind code: engine kinds 0-13, user kinds 16-20 (pinned tables of {@link PayloadCodes}); 0 for markers
 *   4       4     CRC32C of bytes [0, 4) and [8, end)
 *   8       1     flags: 1 tenant present, 2 correlation present, 4 chain id present, 8 trace link id present,
 *                 16 member of a batch, 32 origin present
 *   9       ...   strings, each a stop-bit byte length then UTF-8:
 *                   event id, occurred_at,
 *                   tenant (if flag 1), correlation id (if flag 2),
 *                   filterable chain id (if flag 4: ProposalCreated, ProposalValidated, OutcomeRecorded,
 *                   BudgetExceeded only), trace link id (if flag 8: ReplayTraceRecorded only)
 *   ...     16+   origin (if flag 32: an entry copied from another ledger): that ledger's 128-bit identity, 16
 *                 bytes, most significant first, then the entry's position there, a stop-bit number
 *   ...     ...   payload: the event, encoded by {@link PayloadCodec} (docs/format-payload.md)
 * </pre>
 *
 * Markers (types 3-5) have flags 0, empty event id and occurred_at, and a payload of stop-bit numbers: batch
 * begin holds the number of entries announced, batch commit and batch abort the journal index of their begin. A
 * commit may carry a note after that number (a stop-bit length, then the bytes): what the writer of the batch
 * wants kept atomically with it, e.g. how far a mirror has consumed its sources.
 * The header alone answers every query filter, so queries decode payloads only of entries that match.
 */
final class EntryLayout {
    static final int FORMAT_MAJOR = 1;
    static final int FORMAT_MINOR = 0;

    static final int MAJOR_OFFSET = 0;
    static final int MINOR_OFFSET = 1;
    static final int TYPE_OFFSET = 2;
    static final int KIND_OFFSET = 3;
    static final int CRC_OFFSET = 4;
    static final int FLAGS_OFFSET = 8;
    static final int STRINGS_OFFSET = 9;
    /** Fixed part plus two empty strings: the smallest well-formed entry. */
    static final int MIN_LENGTH = STRINGS_OFFSET + 2;

    static final int TYPE_ENGINE = 1;
    static final int TYPE_USER = 2;
    static final int TYPE_BATCH_BEGIN = 3;
    static final int TYPE_BATCH_COMMIT = 4;
    static final int TYPE_BATCH_ABORT = 5;

    static final int FLAG_TENANT = 1;
    static final int FLAG_CORRELATION = 2;
    static final int FLAG_CHAIN = 4;
    static final int FLAG_TRACE = 8;
    static final int FLAG_BATCH = 16;
    static final int FLAG_ORIGIN = 32;

    /** The bytes of an origin's ledger identity. */
    static final int ORIGIN_ID_BYTES = 16;

    /** Kind codes of user entries start here, so one code space serves the side index. */
    static final int USER_KIND_BASE = 16;

    private static final int ENGINE_KIND_COUNT = ExperienceEventKind.values().length;

    private EntryLayout() {
    }

    /**
     * The first {@link #FLAGS_OFFSET} bytes of an entry of {@code type} and {@code kindCode}, as the little-endian
     * word that holds them: format major and minor, type and kind at their offsets, the CRC zero until it is known.
     */
    static long fixedPart(int type, int kindCode) {
        return (long) FORMAT_MAJOR << MAJOR_OFFSET * Byte.SIZE
                | (long) FORMAT_MINOR << MINOR_OFFSET * Byte.SIZE
                | (long) type << TYPE_OFFSET * Byte.SIZE
                | (long) (kindCode & 0xFF) << KIND_OFFSET * Byte.SIZE;
    }

    /** The flags byte of an entry header with the given optional strings present, in or out of a batch. */
    static int flags(boolean tenant, boolean correlation, boolean chain, boolean trace, Framing framing) {
        return (tenant ? FLAG_TENANT : 0) | (correlation ? FLAG_CORRELATION : 0) | (chain ? FLAG_CHAIN : 0)
                | (trace ? FLAG_TRACE : 0) | (framing == Framing.BATCH_MEMBER ? FLAG_BATCH : 0);
    }

    /** The pinned code of an engine kind (0-13), from the codec's table ({@link PayloadCodes#EVENT_KIND}). */
    static int engineKindCode(ExperienceEventKind kind) {
        return PayloadCodes.EVENT_KIND.code(kind);
    }

    /** The engine kind with the given code, or null when the code names none. */
    static ExperienceEventKind engineKind(int code) {
        return PayloadCodes.EVENT_KIND.constant(code);
    }

    /** The number of engine kinds. */
    static int engineKindCount() {
        return ENGINE_KIND_COUNT;
    }
}
