package io.experienceledger.model;

/** The step of a decision chain an event belongs to. Written on the wire as the constant's name. */
public enum DecisionStep {
    Reasoning, Evaluation, Planning
}
