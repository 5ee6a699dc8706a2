package io.experienceledger.journal;

import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.UserExperienceEvent;
import net.openhft.chronicle.bytes.Bytes;

import java.util.HexFormat;

/** Test helpers: encode events to byte arrays and decode byte arrays, on heap and off heap. */
final class Payloads {
    private Payloads() {
    }

    static byte[] encode(ExperienceEvent event) {
        final Bytes<byte[]> out = Bytes.allocateElasticOnHeap(64);
        PayloadCodec.writeEvent(out, event);
        return out.toByteArray();
    }

    static byte[] encode(UserExperienceEvent event) {
        final Bytes<byte[]> out = Bytes.allocateElasticOnHeap(64);
        PayloadCodec.writeUserEvent(out, event);
        return out.toByteArray();
    }

    /** Encodes into a direct (off-heap) buffer, as the journal's mapped bytes are. */
    static byte[] encodeDirect(ExperienceEvent event) {
        final Bytes<?> out = Bytes.allocateElasticDirect(64);
        try {
            PayloadCodec.writeEvent(out, event);
            return out.toByteArray();
        } finally {
            out.releaseLast();
        }
    }

    static ExperienceEvent decode(byte[] payload, ExperienceEventKind kind) {
        return PayloadCodec.readEvent(EntryInput.of(payload), kind);
    }

    static UserExperienceEvent decode(byte[] payload, UserEventKind kind) {
        return PayloadCodec.readUserEvent(EntryInput.of(payload), kind);
    }

    /**
     * Decodes the payload from the middle of a larger array, as a reader does from its copy of a whole entry:
     * bytes before and after it that are not the payload's.
     */
    static ExperienceEvent decodeInside(byte[] payload, ExperienceEventKind kind) {
        final byte[] entry = new byte[payload.length + 13];
        java.util.Arrays.fill(entry, (byte) 0x7F);
        System.arraycopy(payload, 0, entry, 9, payload.length);
        return PayloadCodec.readEvent(new EntryInput().wrap(entry, 9, 9 + payload.length, 1000), kind);
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    /** Parses hex with any whitespace between bytes. */
    static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }
}
