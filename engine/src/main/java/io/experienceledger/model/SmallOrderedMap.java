package io.experienceledger.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An unmodifiable map of a few entries, in the order they were given: the model's copy of a small map member (a
 * trace's provider metadata, an outcome's metadata), made with one array of entries instead of a hash table, its
 * nodes and a wrapper. Lookups compare keys one by one, which for the handful of entries it is used for
 * ({@link #MAX_SIZE} at most) is as fast as hashing. Equality, hash code and text are those of any {@link Map};
 * every method that would change it throws {@link UnsupportedOperationException}, as
 * {@link java.util.Collections#unmodifiableMap} does.
 */
final class SmallOrderedMap<K, V> extends AbstractMap<K, V> {
    /** Larger maps are copied into a hash map, whose lookups do not grow with the map. */
    static final int MAX_SIZE = 8;

    private final Entry<K, V>[] entries;
    private Set<Entry<K, V>> entrySet;
    private Set<K> keys;
    private Collection<V> values;

    private SmallOrderedMap(Entry<K, V>[] entries) {
        this.entries = entries;
    }

    /**
     * A copy of {@code source} (at most {@link #MAX_SIZE} entries, none null), in its iteration order; a null key or
     * value throws a {@link NullPointerException} naming {@code name}.
     */
    @SuppressWarnings("unchecked")
    static <K, V> Map<K, V> copyOf(Map<K, V> source, String name) {
        final Entry<K, V>[] entries = new Entry[source.size()];
        int i = 0;
        for (Entry<K, V> entry : source.entrySet()) {
            if (i == entries.length) {
                throw new IllegalStateException(name + " changed while it was copied");
            }
            final K key = entry.getKey();
            final V value = entry.getValue();
            if (key == null || value == null) {
                throw new NullPointerException(name + (key == null ? " key" : " value"));
            }
            // an entry of exactly this JDK class cannot change: kept as it is (a decoder's), any other copied
            entries[i++] = entry.getClass() == SimpleImmutableEntry.class ? entry
                    : new SimpleImmutableEntry<>(key, value);
        }
        if (i != entries.length) {
            throw new IllegalStateException(name + " changed while it was copied");
        }
        return new SmallOrderedMap<>(entries);
    }

    @Override
    public int size() {
        return entries.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public V get(Object key) {
        final int i = indexOf(key);
        return i < 0 ? null : entries[i].getValue();
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        if (entrySet == null) {
            entrySet = Collections.unmodifiableSet(new AbstractSet<>() {
                @Override
                public Iterator<Entry<K, V>> iterator() {
                    return Arrays.asList(entries).iterator();
                }

                @Override
                public int size() {
                    return entries.length;
                }
            });
        }
        return entrySet;
    }

    @Override
    public Set<K> keySet() {
        if (keys == null) {
            keys = Collections.unmodifiableSet(super.keySet());
        }
        return keys;
    }

    @Override
    public Collection<V> values() {
        if (values == null) {
            values = Collections.unmodifiableCollection(super.values());
        }
        return values;
    }

    /** Visits the entries in order without an iterator: encoders write a map this way, on the append path. */
    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        Objects.requireNonNull(action, "action");
        for (Entry<K, V> entry : entries) {
            action.accept(entry.getKey(), entry.getValue());
        }
    }

    private int indexOf(Object key) {
        for (int i = 0; i < entries.length; i++) {
            if (Objects.equals(entries[i].getKey(), key)) {
                return i;
            }
        }
        return -1;
    }

    // every change is refused, whether or not it would change anything, as an unmodifiable map's is

    @Override
    public V put(K key, V value) {
        throw unmodifiable();
    }

    @Override
    public V remove(Object key) {
        throw unmodifiable();
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        throw unmodifiable();
    }

    @Override
    public void clear() {
        throw unmodifiable();
    }

    @Override
    public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
        throw unmodifiable();
    }

    @Override
    public V putIfAbsent(K key, V value) {
        throw unmodifiable();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw unmodifiable();
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        throw unmodifiable();
    }

    @Override
    public V replace(K key, V value) {
        throw unmodifiable();
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
        throw unmodifiable();
    }

    @Override
    public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        throw unmodifiable();
    }

    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        throw unmodifiable();
    }

    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
        throw unmodifiable();
    }

    private static UnsupportedOperationException unmodifiable() {
        return new UnsupportedOperationException("a model map cannot be changed");
    }
}
