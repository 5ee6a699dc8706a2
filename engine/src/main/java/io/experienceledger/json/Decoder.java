package io.experienceledger.json;

/** Reads one model value from the JSON node at {@code path}, throwing {@link ConvergeJsonException} on bad input. */
@FunctionalInterface
interface Decoder<T> {
    /** The value held by {@code node}, which sits at {@code path} in the document. */
    T read(JsonNode node, JsonPath path);
}
