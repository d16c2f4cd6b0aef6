package dev.charrnn.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float path's element-wise cell maths with the Vector API, whole vectors of a row at a time; the caller
 * finishes the remainder with the scalar loops. Every lane does {@link FloatMath}'s operations in its order
 * ({@code mul} then {@code add}, never {@code fma}), so the bits are the scalar code's. Loaded only when the JVM
 * has {@code jdk.incubator.vector} ({@link FloatStackedBptt#CELLS}).
 */
final class VectorFloatCells implements FloatStackedBptt.Cells {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    static FloatVector exp(FloatVector v) {
        FloatVector x = v.max(FloatMath.LO).min(FloatMath.HI);
        FloatVector t = x.mul(FloatMath.LOG2E).add(FloatMath.ROUND);
        FloatVector n = t.sub(FloatMath.ROUND);
        FloatVector r = x.sub(n.mul(FloatMath.C1)).sub(n.mul(FloatMath.C2));
        FloatVector z = r.mul(r);
        FloatVector p = r.mul(FloatMath.P0).add(FloatMath.P1);
        p = p.mul(r).add(FloatMath.P2);
        p = p.mul(r).add(FloatMath.P3);
        p = p.mul(r).add(FloatMath.P4);
        p = p.mul(r).add(FloatMath.P5);
        p = p.mul(z).add(r).add(1f);
        // no float-to-int conversion (not compiled to vector code by JDK 17): t's low bits hold n
        IntVector e = (IntVector) t.reinterpretAsInts();
        FloatVector scale = e.sub(FloatMath.ROUND_BITS - 127)
                .lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return p.mul(scale);
    }

    static FloatVector sigmoid(FloatVector v) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(one.add(exp(v.neg())));
    }

    static FloatVector tanh(FloatVector v) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.sub(FloatVector.broadcast(S, 2f).div(exp(v.mul(2f)).add(1f)));
    }

    private static FloatVector at(float[] a, int i) {
        return FloatVector.fromArray(S, a, i);
    }

    /**
     * a[j..] = σ(hw[j..] + xw[j..]) over whole vectors of n. Each gate block is its own small loop: with the five
     * exponentials of a row in one method the JIT stopped inlining the Vector API calls, which then ran boxed.
     */
    private static int sigmoid(float[] hw, float[] xw, float[] a, int j, int n) {
        int k = 0;
        for (; k + L <= n; k += L) {
            sigmoid(at(hw, j + k).add(at(xw, j + k))).intoArray(a, j + k);
        }
        return k;
    }

    /** a[j..] = tanh(hw[j..] + xw[j..]) over whole vectors of n. */
    private static int tanh(float[] hw, float[] xw, float[] a, int j, int n) {
        int k = 0;
        for (; k + L <= n; k += L) {
            tanh(at(hw, j + k).add(at(xw, j + k))).intoArray(a, j + k);
        }
        return k;
    }

    @Override
    public int lstmForward(
            float[] xw,
            float[] hw,
            int g0,
            float[] a,
            float[] cs,
            int prev,
            int next,
            float[] tc,
            int t0,
            float[] hs,
            int H) {
        sigmoid(hw, xw, a, g0, H);
        sigmoid(hw, xw, a, g0 + H, H);
        tanh(hw, xw, a, g0 + 2 * H, H);
        sigmoid(hw, xw, a, g0 + 3 * H, H);
        return lstmState(a, g0, cs, prev, next, tc, t0, hs, H);
    }

    /** c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c'), from the activated gates in a. */
    private static int lstmState(
            float[] a, int g0, float[] cs, int prev, int next, float[] tc, int t0, float[] hs, int H) {
        int k = 0;
        for (; k + L <= H; k += L) {
            int j = g0 + k;
            FloatVector c = at(a, j + H).mul(at(cs, prev + k)).add(at(a, j).mul(at(a, j + 2 * H)));
            c.intoArray(cs, next + k);
            FloatVector tcv = tanh(c);
            tcv.intoArray(tc, t0 + k);
            at(a, j + 3 * H).mul(tcv).intoArray(hs, next + k);
        }
        return k;
    }

    @Override
    public int lstmBackward(
            float[] a,
            int g0,
            float[] tc,
            int t0,
            float[] dH,
            float[] dhNext,
            float[] dcNext,
            int bk0,
            float[] cs,
            int prev,
            float[] dHW,
            int H) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int k = 0;
        for (; k + L <= H; k += L) {
            int j = g0 + k;
            FloatVector i = at(a, j);
            FloatVector f = at(a, j + H);
            FloatVector g = at(a, j + 2 * H);
            FloatVector o = at(a, j + 3 * H);
            FloatVector tcv = at(tc, t0 + k);
            FloatVector dh = at(dH, t0 + k).add(at(dhNext, bk0 + k));
            FloatVector dout = dh.mul(tcv);
            FloatVector dc = at(dcNext, bk0 + k).add(dh.mul(o).mul(one.sub(tcv.mul(tcv))));
            FloatVector di = dc.mul(g);
            FloatVector dg = dc.mul(i);
            FloatVector df = dc.mul(at(cs, prev + k));
            dc.mul(f).intoArray(dcNext, bk0 + k);
            di.mul(i).mul(one.sub(i)).intoArray(dHW, j);
            df.mul(f).mul(one.sub(f)).intoArray(dHW, j + H);
            dg.mul(one.sub(g.mul(g))).intoArray(dHW, j + 2 * H);
            dout.mul(o).mul(one.sub(o)).intoArray(dHW, j + 3 * H);
        }
        return k;
    }

    @Override
    public int gruForward(float[] xw, float[] hw, int g0, float[] a, float[] hs, int prev, int next, int H) {
        sigmoid(hw, xw, a, g0, H);
        sigmoid(hw, xw, a, g0 + H, H);
        return gruState(xw, hw, g0, a, hs, prev, next, H);
    }

    /** n = tanh(xw_n + hw_n ⊙ r); h' = (h - n) ⊙ z + n, from r and z in a. */
    private static int gruState(float[] xw, float[] hw, int g0, float[] a, float[] hs, int prev, int next, int H) {
        int k = 0;
        for (; k + L <= H; k += L) {
            int j = g0 + k;
            FloatVector z = at(a, j + H);
            FloatVector n = tanh(at(xw, j + 2 * H).add(at(hw, j + 2 * H).mul(at(a, j))));
            n.intoArray(a, j + 2 * H);
            at(hs, prev + k).sub(n).mul(z).add(n).intoArray(hs, next + k);
        }
        return k;
    }

    @Override
    public int gruBackward(
            float[] a,
            float[] hw,
            int g0,
            float[] dH,
            int t0,
            float[] dhNext,
            float[] dhNext2,
            int bk0,
            float[] hs,
            int prev,
            float[] dXW,
            float[] dHW,
            int H) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int k = 0;
        for (; k + L <= H; k += L) {
            int j = g0 + k;
            FloatVector r = at(a, j);
            FloatVector z = at(a, j + H);
            FloatVector n = at(a, j + 2 * H);
            FloatVector dh = at(dH, t0 + k).add(at(dhNext, bk0 + k));
            FloatVector dn = dh.mul(one.sub(z));
            FloatVector dz = dh.mul(at(hs, prev + k).sub(n));
            at(dhNext2, bk0 + k).add(dh.mul(z)).intoArray(dhNext2, bk0 + k);
            FloatVector dan = dn.mul(one.sub(n.mul(n)));
            FloatVector dr = dan.mul(at(hw, j + 2 * H));
            FloatVector dar = dr.mul(r).mul(one.sub(r));
            FloatVector daz = dz.mul(z).mul(one.sub(z));
            dar.intoArray(dXW, j);
            daz.intoArray(dXW, j + H);
            dan.intoArray(dXW, j + 2 * H);
            dar.intoArray(dHW, j);
            daz.intoArray(dHW, j + H);
            dan.mul(r).intoArray(dHW, j + 2 * H);
        }
        return k;
    }

    @Override
    public int rnnForward(float[] xw, float[] hw, int g0, float[] a, float[] hs, int next, int H) {
        int k = tanh(hw, xw, a, g0, H);
        System.arraycopy(a, g0, hs, next, k);
        return k;
    }
}
