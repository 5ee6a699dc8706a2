package io.experienceledger.json;

import static io.experienceledger.json.Member.opt;
import static io.experienceledger.json.Member.req;

import io.experienceledger.model.ArtifactQuery;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TimeRange;
import io.experienceledger.model.UserExperienceEventEnvelope;
import java.util.function.Function;

/**
 * Codecs for the documents of spec section 3 that hold the events: the engine and user envelopes, the experience
 * record (adjacently tagged {@code kind}/{@code value}), and the event and artifact queries.
 */
final class EnvelopeCodecs {
    static final StructCodec<ExperienceEventEnvelope> ENGINE_ENVELOPE = envelope("ExperienceEventEnvelope",
            v -> new ExperienceEventEnvelope(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
            ExperienceEventEnvelope::eventId, ExperienceEventEnvelope::occurredAt, ExperienceEventEnvelope::tenantId,
            ExperienceEventEnvelope::correlationId, EventCodecs.EVENT, ExperienceEventEnvelope::event);

    static final StructCodec<UserExperienceEventEnvelope> USER_ENVELOPE = envelope("UserExperienceEventEnvelope",
            v -> new UserExperienceEventEnvelope(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
            UserExperienceEventEnvelope::eventId, UserExperienceEventEnvelope::occurredAt,
            UserExperienceEventEnvelope::tenantId, UserExperienceEventEnvelope::correlationId, UserEventCodecs.EVENT,
            UserExperienceEventEnvelope::event);

    static final AdjacentlyTagged<ExperienceRecord> RECORD = new AdjacentlyTagged<>("kind", "value",
            new TaggedVariants<ExperienceRecord>("ExperienceRecord")
                    .add("Engine", ExperienceRecord.Engine.class, Codec.wrapping(ENGINE_ENVELOPE,
                            ExperienceRecord.Engine::new, ExperienceRecord.Engine::value))
                    .add("User", ExperienceRecord.User.class, Codec.wrapping(USER_ENVELOPE,
                            ExperienceRecord.User::new, ExperienceRecord.User::value)));

    /** The envelope inside a record, of either side, without the record's {@code kind}/{@code value} wrapping. */
    static final Encoder<ExperienceRecord> ANY_ENVELOPE = RECORD::writeContent;

    static final StructCodec<TimeRange> TIME_RANGE = StructCodec.of("struct TimeRange",
            v -> new TimeRange(v.get(0), v.get(1)),
            opt("start", Scalars.STRING, TimeRange::start),
            opt("end", Scalars.STRING, TimeRange::end));

    static final StructCodec<EventQuery> EVENT_QUERY = StructCodec.of("struct EventQuery",
            v -> new EventQuery(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5)),
            opt("tenant_id", Identifiers.TENANT_ID, EventQuery::tenantId),
            opt("time_range", TIME_RANGE, EventQuery::timeRange),
            req("kinds", Scalars.listOf(EventCodecs.EVENT_KIND), EventQuery::kinds),
            opt("correlation_id", Identifiers.CORRELATION_ID, EventQuery::correlationId),
            opt("chain_id", Identifiers.CHAIN_ID, EventQuery::chainId),
            opt("limit", Scalars.USIZE, EventQuery::limit));

    static final StructCodec<ArtifactQuery> ARTIFACT_QUERY = StructCodec.of("struct ArtifactQuery",
            v -> new ArtifactQuery(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
            opt("tenant_id", Identifiers.TENANT_ID, ArtifactQuery::tenantId),
            opt("artifact_id", Identifiers.ARTIFACT_ID, ArtifactQuery::artifactId),
            opt("kind", EventCodecs.ARTIFACT_KIND, ArtifactQuery::kind),
            opt("state", GovernanceCodecs.ARTIFACT_STATE, ArtifactQuery::state),
            opt("limit", Scalars.USIZE, ArtifactQuery::limit));

    private EnvelopeCodecs() {
    }

    /** The members of an envelope, which the engine and the user envelope share but for the type of the event. */
    private static <E, V> StructCodec<E> envelope(String rustName, StructCodec.Builder<E> builder,
                                                  Function<E, EventId> eventId, Function<E, String> occurredAt,
                                                  Function<E, TenantId> tenantId,
                                                  Function<E, CorrelationId> correlationId, Codec<V> eventCodec,
                                                  Function<E, V> event) {
        return StructCodec.of("struct " + rustName, builder,
                req("event_id", Identifiers.EVENT_ID, eventId),
                req("occurred_at", Scalars.STRING, occurredAt),
                opt("tenant_id", Identifiers.TENANT_ID, tenantId),
                opt("correlation_id", Identifiers.CORRELATION_ID, correlationId),
                req("event", eventCodec, event));
    }
}
