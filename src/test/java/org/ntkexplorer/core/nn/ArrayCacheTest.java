package org.ntkexplorer.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ArrayCacheTest {

    @Test
    void aRoleKeepsOneBufferForEveryShapeItFits() {
        ArrayCache cache = new ArrayCache();
        INDArray big = cache.get("a", DataType.FLOAT, 4, 3, 5).assign(7);
        INDArray small = cache.get("a", DataType.FLOAT, 2, 5);
        assertArrayEquals(new long[] {2, 5}, small.shape());
        assertEquals(7f, small.getFloat(1, 4));
        // Writes through the smaller array land in the same memory, so no copy was made on the way.
        small.assign(3);
        assertEquals(3f, cache.get("a", DataType.FLOAT, 4, 3, 5).getFloat(0, 1, 4));
        assertEquals(7f, big.getFloat(3, 2, 4));
        INDArray other = cache.get("b", DataType.FLOAT, 2, 5).assign(1);
        assertEquals(3f, small.getFloat(0, 0));
        assertEquals(1f, other.getFloat(0, 0));
        cache.clear();
    }

    @Test
    void aLargerRequestGetsAFreshBuffer() {
        ArrayCache cache = new ArrayCache();
        cache.get("a", DataType.DOUBLE, 2, 2).assign(1);
        INDArray larger = cache.get("a", DataType.DOUBLE, 3, 3).assign(2);
        assertEquals(18.0, larger.sumNumber().doubleValue());
        assertEquals('c', cache.get("a", DataType.DOUBLE, 3, 2).ordering());
        cache.clear();
    }
}
