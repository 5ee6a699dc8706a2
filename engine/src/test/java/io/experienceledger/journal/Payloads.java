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
        return PayloadCodec.readEvent(Bytes.wrapForRead(payload), kind);
    }

    static UserExperienceEvent decode(byte[] payload, UserEventKind kind) {
        return PayloadCodec.readUserEvent(Bytes.wrapForRead(payload), kind);
    }

    /** Decodes from a direct buffer holding the payload. */
    static ExperienceEvent decodeDirect(byte[] payload, ExperienceEventKind kind) {
        final Bytes<?> in = Bytes.allocateElasticDirect(payload.length + 1);
        try {
            in.write(payload);
            return PayloadCodec.readEvent(in, kind);
        } finally {
            in.releaseLast();
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    /** Parses hex with any whitespace between bytes. */
    static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }
}
