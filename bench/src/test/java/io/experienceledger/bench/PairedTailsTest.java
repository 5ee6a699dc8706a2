package io.experienceledger.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Latency tails compared round by round: each thread count against the single thread of its own round. */
class PairedTailsTest {
    @Test
    void eachRoundIsComparedWithItsOwnSingleThreadSoThatOneStalledBaseMovesOneRatio() {
        final PairedTails tails = new PairedTails();
        // round 2's single thread hit a stall (400 µs): only round 2's ratio is low
        final double[][] rounds = {{100, 150, 120}, {400, 160, 130}, {110, 330, 121}, {90, 135, 99}, {120, 150, 180}};
        for (double[] round : rounds) {
            tails.add(1, round[0]);
            tails.add(2, round[1]);
            tails.add(4, round[2]);
        }

        final List<Double> two = tails.ratios(2, 1);
        final List<Double> four = tails.ratios(4, 1);

        // 150/100, 160/400, 330/110, 135/90, 150/120
        assertEquals(List.of(1.5, 0.4, 3.0, 1.5, 1.25), two);
        // 120/100, 130/400, 121/110, 99/90, 180/120
        assertArrayEquals(new double[] {1.2, 0.325, 1.1, 1.1, 1.5},
                four.stream().mapToDouble(Double::doubleValue).toArray(), 1e-12);
        assertEquals(1.5, JvmRounds.median(two)); // sorted 0.4 1.25 1.5 1.5 3.0
        assertEquals(1.1, JvmRounds.median(four), 1e-12); // sorted 0.325 1.1 1.1 1.2 1.5
        assertEquals(List.of(100.0, 400.0, 110.0, 90.0, 120.0), tails.rounds(1));
    }

    @Test
    void aThreadCountNotMeasuredHasNoRatiosAndUnevenRoundsAreRefused() {
        final PairedTails tails = new PairedTails();
        assertTrue(tails.isEmpty());
        tails.add(1, 100);
        tails.add(2, 150);
        tails.add(1, 110);

        assertEquals(List.of(), tails.ratios(4, 1));
        assertTrue(tails.rounds(4).isEmpty());
        final IllegalStateException uneven = assertThrows(IllegalStateException.class, () -> tails.ratios(2, 1));
        assertTrue(uneven.getMessage().contains("1 rounds of 2 threads but 2 of 1"), uneven.getMessage());
    }
}
