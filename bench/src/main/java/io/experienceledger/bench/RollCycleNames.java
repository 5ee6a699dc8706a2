package io.experienceledger.bench;

import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.queue.rollcycles.SparseRollCycles;

/** Chronicle roll cycles by name, for benchmark parameters. */
final class RollCycleNames {
    private RollCycleNames() {
    }

    static RollCycle of(String name) {
        return Stream.of(RollCycles.values(), LargeRollCycles.values(), SparseRollCycles.values())
                .flatMap(Stream::of).filter(c -> ((Enum<?>) c).name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no roll cycle named " + name));
    }

    /** Entries between two of Chronicle's index slots in journals of {@code name}. */
    static int indexSpacing(String name) {
        return of(name).defaultIndexSpacing();
    }
}
