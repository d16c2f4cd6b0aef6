package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link NumpyMath} returns numpy's bits for every argument of {@code src/test/resources/numpy-math/} (made by
 * its {@code make-fixture.py} with the reference numpy). A NaN only has to be a NaN: its payload is not part of
 * what the reference computes with.
 */
class NumpyMathTest {

    @ParameterizedTest
    @ValueSource(strings = {"exp", "log", "tanh"})
    void matchesNumpyBitForBit(String function) {
        DoubleBuffer pairs = pairs(NnFixtures.resource("/numpy-math/" + function + ".bin"));
        assertThat(pairs.remaining() / 2).isGreaterThan(1500);
        assertThat(mismatches(function, pairs, 20)).isEmpty();
        // the fixture is one fdlibm (StrictMath) would fail: it tells the kernels from correctly rounded functions
        assertThat(mismatchCount(pairs, fdlibm(function))).isGreaterThan(pairs.remaining() / 2 / 50);
    }

    /** {@code -Dnumpy-math.large=DIR} with the files of {@code make-fixture.py --large DIR}: ~10 million each. */
    @Test
    @EnabledIfSystemProperty(named = "numpy-math.large", matches = ".+")
    void matchesNumpyOnTheLargeSet() throws IOException {
        for (String function : List.of("exp", "log", "tanh")) {
            Path file = Path.of(System.getProperty("numpy-math.large"), function + ".bin");
            DoubleBuffer pairs = pairs(Files.newInputStream(file));
            System.out.printf("%s: %d arguments%n", function, pairs.remaining() / 2);
            assertThat(mismatches(function, pairs, 20)).as(function).isEmpty();
        }
    }

    @Test
    void specialValues() {
        assertThat(NumpyMath.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(NumpyMath.exp(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NumpyMath.exp(710.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NumpyMath.exp(-746.0)).isEqualTo(0.0);
        assertThat(NumpyMath.exp(-745.0)).isEqualTo(Double.MIN_VALUE);
        assertThat(NumpyMath.exp(0.0)).isEqualTo(1.0);
        assertThat(NumpyMath.exp(Double.NaN)).isNaN();
        assertThat(NumpyMath.log(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NumpyMath.log(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NumpyMath.log(-1.0)).isNaN();
        assertThat(NumpyMath.log(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NumpyMath.log(1.0)).isEqualTo(0.0);
        assertThat(NumpyMath.tanh(-0.0)).isEqualTo(-0.0);
        assertThat(NumpyMath.tanh(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(NumpyMath.tanh(30.0)).isEqualTo(1.0);
    }

    private static List<String> mismatches(String function, DoubleBuffer pairs, int limit) {
        DoubleUnaryOperator f = port(function);
        List<String> out = new ArrayList<>();
        for (int i = pairs.position(); i + 1 < pairs.limit() && out.size() < limit; i += 2) {
            double x = pairs.get(i);
            double want = pairs.get(i + 1);
            double got = f.applyAsDouble(x);
            if (!sameBits(got, want)) {
                out.add(function + "(" + Double.toHexString(x) + ") = " + Double.toHexString(got) + ", numpy "
                        + Double.toHexString(want));
            }
        }
        return out;
    }

    private static int mismatchCount(DoubleBuffer pairs, DoubleUnaryOperator f) {
        int n = 0;
        for (int i = pairs.position(); i + 1 < pairs.limit(); i += 2) {
            if (!sameBits(f.applyAsDouble(pairs.get(i)), pairs.get(i + 1))) {
                n++;
            }
        }
        return n;
    }

    private static boolean sameBits(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b) || (a != a && b != b);
    }

    private static DoubleUnaryOperator port(String function) {
        return switch (function) {
            case "exp" -> NumpyMath::exp;
            case "log" -> NumpyMath::log;
            default -> NumpyMath::tanh;
        };
    }

    private static DoubleUnaryOperator fdlibm(String function) {
        return switch (function) {
            case "exp" -> StrictMath::exp;
            case "log" -> StrictMath::log;
            default -> StrictMath::tanh;
        };
    }

    private static DoubleBuffer pairs(InputStream in) {
        try (in) {
            return ByteBuffer.wrap(in.readAllBytes())
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asDoubleBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
