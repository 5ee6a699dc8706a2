package io.experienceledger.json;

/** Writes model values as canonical converge JSON. */
final class ConvergeJsonWriter {
    private ConvergeJsonWriter() {
    }

    static String write(Object value) {
        throw new UnsupportedOperationException("not written yet");
    }
}
