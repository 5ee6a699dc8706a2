package io.experienceledger.model;

/** Why a trace's replayability was downgraded. Written on the wire as the constant's name. */
public enum ReplayabilityDowngradeReason {
    RecallEmbedderNotDeterministic, RecallCorpusNotContentAddressed, RemoteBackendUsed, NoSeedProvided, MultipleReasons
}
