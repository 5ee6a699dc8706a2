package io.experienceledger.model;

/** Kind of fact content (spelled {@code Claim}/{@code Document}, unlike ProposalKind). Written on the wire as the constant's name. */
public enum FactContentKind {
    Claim, Plan, Classification, Evaluation, Document, Reasoning
}
