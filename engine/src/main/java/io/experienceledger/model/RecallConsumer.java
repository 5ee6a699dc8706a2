package io.experienceledger.model;

/** Who consumes recall results. Written on the wire as the constant's name. */
public enum RecallConsumer {
    Kernel, Analytics, Trainer
}
