package io.experienceledger.store.internal;

import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.ExperienceStoreException;
import java.util.List;
import java.util.Objects;

/**
 * The check of an appended batch, the same for every store and for a streamed batch: each member must be present
 * and pass {@link EnvelopeValidator}; the first that does not is named by its position, {@code events[i]: …}
 * (counted from 0), as an invalid-query error, and nothing of the batch is appended.
 */
public final class BatchValidator {
    private static final String NULL_MEMBER = "envelope must not be null";

    private BatchValidator() {
    }

    /**
     * Checks every member of {@code envelopes}.
     *
     * @throws NullPointerException    when {@code envelopes} is null
     * @throws ExperienceStoreException an invalid query naming the first member that is null or invalid
     */
    public static void validate(List<ExperienceEventEnvelope> envelopes) {
        Objects.requireNonNull(envelopes, "envelopes");
        for (int i = 0; i < envelopes.size(); i++) {
            final ExperienceEventEnvelope envelope = envelopes.get(i);
            reject(i, envelope == null ? NULL_MEMBER : EnvelopeValidator.violationOf(envelope));
        }
    }

    /**
     * Checks the member at {@code position} of a batch that is streamed, engine or user.
     *
     * @throws ExperienceStoreException an invalid query naming the member when it is null or invalid
     */
    public static void validateMember(long position, ExperienceRecord record) {
        reject(position, record == null ? NULL_MEMBER : EnvelopeValidator.violationOf(record));
    }

    private static void reject(long position, String violation) {
        if (violation != null) {
            throw ExperienceStoreException.invalidQuery("events[" + position + "]: " + violation);
        }
    }
}
