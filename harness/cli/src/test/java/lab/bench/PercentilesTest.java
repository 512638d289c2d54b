package lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRank() {
        List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList().reversed();
        assertEquals(50, Percentiles.of(hundred, 50));
        assertEquals(99, Percentiles.of(hundred, 99));
        assertEquals(100, Percentiles.of(hundred, 100));
        assertEquals(7, Percentiles.of(List.of(7L), 99));
        assertEquals(0, Percentiles.of(List.of(), 99));
        assertEquals(3, Percentiles.of(List.of(1L, 2L, 3L, 4L), 60));
    }
}
