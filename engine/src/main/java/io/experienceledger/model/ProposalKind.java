package io.experienceledger.model;

/** The kind of a kernel proposal. Written on the wire as the constant's name. */
public enum ProposalKind {
    Claims, Plan, Classification, Evaluation, DraftDocument, Reasoning
}
