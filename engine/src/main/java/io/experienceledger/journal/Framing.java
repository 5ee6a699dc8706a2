package io.experienceledger.journal;

/** Whether an entry is appended alone or as a member of a batch: the batch flag of its header. */
enum Framing {
    /** An entry of its own, visible as soon as it is written. */
    ALONE,
    /** A member of a batch, visible once the batch's commit marker is written. */
    BATCH_MEMBER
}
