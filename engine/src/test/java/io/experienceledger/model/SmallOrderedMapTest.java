package io.experienceledger.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model's copy of a map member (Checks.map): whatever its size, it answers as the unmodifiable copy in
 * iteration order of a linked hash map would, which is what it was before small maps got an array of their own.
 */
class SmallOrderedMapTest {
    private static LinkedHashMap<String, String> source(int size) {
        final LinkedHashMap<String, String> map = new LinkedHashMap<>();
        for (int i = size - 1; i >= 0; i--) {
            map.put("k" + i, "v" + i % 3);
        }
        return map;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, SmallOrderedMap.MAX_SIZE, SmallOrderedMap.MAX_SIZE + 1, 30})
    void aCopyAnswersAsItsSourceDidInItsOrder(int size) {
        final LinkedHashMap<String, String> source = source(size);
        final Map<String, String> copy = Checks.map(source, "metadata");
        source.put("added", "later");

        final Map<String, String> expected = source(size);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(copy.keySet()));
        assertEquals(List.copyOf(expected.values()), List.copyOf(copy.values()));
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(copy.entrySet()));
        assertEquals(expected, copy);
        assertEquals(copy, expected);
        assertEquals(expected.hashCode(), copy.hashCode());
        assertEquals(expected.toString(), copy.toString());
        assertEquals(size, copy.size());
        assertEquals(size == 0, copy.isEmpty());
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), copy.get(entry.getKey()));
            assertTrue(copy.containsKey(entry.getKey()));
            assertTrue(copy.containsValue(entry.getValue()));
        }
        assertNull(copy.get("added"));
        assertNull(copy.get(null));
        assertFalse(copy.containsKey(null));
        assertFalse(copy.containsKey("added"));
        assertEquals("fallback", copy.getOrDefault("added", "fallback"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, SmallOrderedMap.MAX_SIZE, SmallOrderedMap.MAX_SIZE + 1})
    void everyChangeIsRefusedEvenOneThatWouldChangeNothing(int size) {
        final Map<String, String> copy = Checks.map(source(size), "metadata");
        final List<Consumer<Map<String, String>>> changes = List.of(
                m -> m.put("k0", "v0"), m -> m.remove("absent"), m -> m.clear(), m -> m.putAll(Map.of()),
                m -> m.replaceAll((k, v) -> v), m -> m.putIfAbsent("k0", "x"), m -> m.remove("k0", "nope"),
                m -> m.replace("absent", "a", "b"), m -> m.replace("absent", "a"),
                m -> m.computeIfAbsent("k0", k -> "x"), m -> m.computeIfPresent("absent", (k, v) -> v),
                m -> m.compute("absent", (k, v) -> null), m -> m.merge("k0", "x", (a, b) -> a),
                m -> m.keySet().remove("k0"), m -> m.values().clear(), m -> m.entrySet().clear(),
                m -> m.entrySet().iterator().remove());
        for (int i = 0; i < changes.size(); i++) {
            final Consumer<Map<String, String>> change = changes.get(i);
            assertThrows(UnsupportedOperationException.class, () -> change.accept(copy), "change " + i);
        }
        if (size > 0) {
            final Map.Entry<String, String> first = copy.entrySet().iterator().next();
            assertThrows(UnsupportedOperationException.class, () -> first.setValue("x"));
        }
        assertEquals(source(size), copy);
    }

    /** Encoders write a model map with forEach on the append path, which allocates nothing per append. */
    @Test
    void forEachVisitsInOrderAndAllocatesNothing() {
        final Map<String, String> copy = Checks.map(source(3), "metadata");
        final StringBuilder visited = new StringBuilder();
        copy.forEach((k, v) -> visited.append(k).append('=').append(v).append(' '));
        assertEquals("k2=v2 k1=v1 k0=v0 ", visited.toString());

        final java.lang.management.ThreadMXBean plain = java.lang.management.ManagementFactory.getThreadMXBean();
        assertTrue(plain instanceof com.sun.management.ThreadMXBean, "allocation counters unavailable");
        final com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) plain;
        final long[] lengths = new long[1];
        final java.util.function.BiConsumer<String, String> count = (k, v) -> lengths[0] += k.length() + v.length();
        final int rounds = 50_000;
        for (int i = 0; i < rounds; i++) {
            copy.forEach(count);
        }
        final long threadId = Thread.currentThread().getId();
        final long before = bean.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < rounds; i++) {
            copy.forEach(count);
        }
        final long allocated = bean.getThreadAllocatedBytes(threadId) - before;
        assertTrue(allocated < 1024, allocated + " bytes allocated by " + rounds + " visits");
        assertEquals(2L * rounds * 3 * 4, lengths[0]);
    }

    @Test
    void nullKeysAndValuesAreRefusedByName() {
        final Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        assertEquals("metadata value",
                assertThrows(NullPointerException.class, () -> Checks.map(nullValue, "metadata")).getMessage());
        final Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        assertEquals("metadata key",
                assertThrows(NullPointerException.class, () -> Checks.map(nullKey, "metadata")).getMessage());
        assertEquals("metadata", assertThrows(NullPointerException.class, () -> Checks.map(null, "metadata"))
                .getMessage());
    }

    @Test
    void onlyEntriesThatCannotChangeAreKeptRatherThanCopied() {
        final Map.Entry<String, String> immutable = new AbstractMap.SimpleImmutableEntry<>("a", "1");
        final Map.Entry<String, String> mutable = new AbstractMap.SimpleEntry<>("b", "2");
        final Map<String, String> source = new AbstractMap<>() {
            @Override
            public java.util.Set<Entry<String, String>> entrySet() {
                return new java.util.LinkedHashSet<>(List.of(immutable, mutable));
            }
        };
        final List<Map.Entry<String, String>> copied = List.copyOf(Checks.map(source, "metadata").entrySet());

        assertSame(immutable, copied.get(0));
        assertNotSame(mutable, copied.get(1));
        mutable.setValue("changed");
        assertEquals("2", copied.get(1).getValue());
    }
}
