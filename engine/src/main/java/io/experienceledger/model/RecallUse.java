package io.experienceledger.model;

/** What recalled candidates are used for. Written on the wire as the constant's name. */
public enum RecallUse {
    RuntimeAugmentation, TrainingCandidateSelection
}
