package io.experienceledger.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Argument checks and defensive copies shared by the model records. */
final class Checks {
    static final long U32_MAX = 0xFFFF_FFFFL;

    private Checks() {
    }

    static <T> List<T> list(List<T> values, String name) {
        Objects.requireNonNull(values, name);
        return List.copyOf(values);
    }

    /**
     * Copies a map keeping its iteration order, so that written JSON is stable across round trips: a small one into
     * an array of its entries ({@link SmallOrderedMap}), a larger one into a linked hash map.
     */
    static <K, V> Map<K, V> map(Map<K, V> values, String name) {
        Objects.requireNonNull(values, name);
        if (values.size() <= SmallOrderedMap.MAX_SIZE) {
            return SmallOrderedMap.copyOf(values, name);
        }
        final LinkedHashMap<K, V> copy = new LinkedHashMap<>(values.size() * 2);
        for (Map.Entry<K, V> entry : values.entrySet()) {
            copy.put(member(entry.getKey(), name, "key"), member(entry.getValue(), name, "value"));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Copies a map of lists keeping its iteration order; the lists are copied too, so no caller can change them. */
    static <K, V> Map<K, List<V>> mapOfLists(Map<K, List<V>> values, String name) {
        Objects.requireNonNull(values, name);
        final LinkedHashMap<K, List<V>> copy = new LinkedHashMap<>(values.size() * 2);
        for (Map.Entry<K, List<V>> entry : values.entrySet()) {
            copy.put(member(entry.getKey(), name, "key"), List.copyOf(member(entry.getValue(), name, "value")));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** {@code value}, a key or value of the map {@code name}; the message is built only when it is null. */
    private static <T> T member(T value, String name, String which) {
        if (value == null) {
            throw new NullPointerException(name + " " + which);
        }
        return value;
    }

    static long u32(long value, String name) {
        if (value < 0 || value > U32_MAX) {
            throw new IllegalArgumentException(name + " must be a u32 (0.." + U32_MAX + "), was " + value);
        }
        return value;
    }

    static double unitInterval(double value, String name) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + ": value must be finite and in the inclusive range 0.0..=1.0, was " + value);
        }
        return value;
    }
}
