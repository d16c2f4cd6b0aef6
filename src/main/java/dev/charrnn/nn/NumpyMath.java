package dev.charrnn.nn;

/**
 * {@code exp}, {@code log} and {@code tanh} returning the same bits as numpy's float64 {@code np.exp},
 * {@code np.log} and {@code np.tanh} in the reference run: Debian 12's python3-numpy 1.24.2 on an x86-64 CPU with
 * AVX-512 (AVX512_SKX dispatch target). There numpy calls neither libm nor fdlibm but vector kernels that are
 * faithful, not correctly rounded, and differ from fdlibm in the last bit for 20 to 30 per cent of the arguments
 * training uses (exp on [-60, 0]: 27 %, log on (0, 1]: 21 %, tanh on [-5, 5]: 23 %). Training amplifies such a
 * bit about a hundredfold per early iteration, so only the same kernels make the Java core follow the reference's
 * own numbers:
 * <ul>
 * <li>exp: Intel SVML's {@code __svml_exp8} (numpy links SVML for AVX512_SKX): 2^(j/16) table, degree-6
 * polynomial, its argument reduction rounding toward zero; beyond |x| = 707.70 its scalar routine (2^(j/64)
 * table, careful subnormal results);</li>
 * <li>log: SVML's {@code __svml_log8}: reciprocal of the mantissa by {@code vrcp14pd} rounded to 1/32, 16-entry
 * table, degree-9 polynomial;</li>
 * <li>tanh: numpy's own universal-intrinsics port of SVML's tanh (16 intervals, degree-16 polynomials).</li>
 * </ul>
 * Each function is one vector lane, read off the machine code numpy runs: the same constants and tables, the same
 * operation order, every fused multiply-add as {@link Math#fma} (correctly rounded on every JVM and CPU), the same
 * special cases. The results do not depend on the machine running Java. The kernels are lane-independent, and
 * numpy uses them for every shape, stride and length and for scalars, so one function serves every call the
 * reference makes (checked: {@code NumpyMathTest}, {@code src/test/resources/numpy-math/}).
 *
 * <p>Tables and coefficients are data of SVML (BSD-3-Clause, shipped in numpy). A numpy on a CPU without AVX-512
 * evaluates exp and log differently (AVX2: other kernels; no SIMD: libm), so its runs part from these after a few
 * iterations. The alternative is fdlibm ({@link StrictMath}): until this class the core used it (tanh ported to
 * plain Java, exp and log from StrictMath) and reproduced {@code bench/seed_numpy_fdlibm.py}, the reference with
 * fdlibm's functions swapped in, bit for bit. Speed is no reason to prefer it: these kernels are branch-free
 * polynomials, about twice as fast as fdlibm's tanh ported to Java and as StrictMath.exp.
 */
final class NumpyMath {
    private NumpyMath() {}

    // ---- exp: SVML __svml_exp8 -----------------------------------------------------------------------------

    /** From here on (and for infinities) the kernel hands a lane to its scalar routine. */
    private static final double EXP_SPECIAL = 0x1.61da04cbafe44p+9;

    private static final double L2E = 0x1.71547652b82fep+0;
    private static final double L2H = 0x1.62e42fefa39efp-1;
    private static final double L2L = 0x1.abc9e3b39803fp-56;
    private static final double EA2 = 0x1.0000000002622p-1;
    private static final double EA3 = 0x1.5555554b508a2p-3;
    private static final double EA4 = 0x1.555564bb4f5f0p-5;
    private static final double EA5 = 0x1.1106603d97c00p-7;
    private static final double EA6 = 0x1.72eb5ef0d213dp-10;
    /** 2^(j/16). */
    private static final double[] EXP16 = doubles(
            0x3FF0000000000000L,
            0x3FF0B5586CF9890FL,
            0x3FF172B83C7D517BL,
            0x3FF2387A6E756238L,
            0x3FF306FE0A31B715L,
            0x3FF3DEA64C123422L,
            0x3FF4BFDAD5362A27L,
            0x3FF5AB07DD485429L,
            0x3FF6A09E667F3BCDL,
            0x3FF7A11473EB0187L,
            0x3FF8ACE5422AA0DBL,
            0x3FF9C49182A3F090L,
            0x3FFAE89F995AD3ADL,
            0x3FFC199BDD85529CL,
            0x3FFD5818DCFBA487L,
            0x3FFEA4AFA2A490DAL);

    /** numpy's float64 exp: Intel SVML's AVX-512 {@code __svml_exp8}, one lane. */
    static double exp(double x) {
        if (!(Math.abs(x) < EXP_SPECIAL)) {
            return x != x ? x + x : expRare(x);
        }
        // k = floor(16 x log2(e)), N = k/16: the kernel adds x * log2(e) to 1.5*2^48 + 1023 in one fma rounding
        // toward zero. Emulated exactly: hi + lo is the exact product, 16 hi is rounded to the nearest integer by
        // the 1.5*2^52 shift, and lo can only move the floor when 16 hi is an integer. (Math.floor is far slower.)
        double hi = x * L2E;
        double lo = Math.fma(x, L2E, -hi);
        double a = hi * 16.0;
        double shifted = a + 0x1.8p52;
        double nearest = shifted - 0x1.8p52;
        int k = (int) Double.doubleToRawLongBits(shifted) - (nearest > a || nearest == a && lo < 0 ? 1 : 0);
        double n = k * 0x1p-4;
        double r = Math.fma(-n, L2H, x);
        r = Math.fma(-L2L, n, r);
        double r2 = r * r;
        double p56 = Math.fma(EA6, r, EA5);
        double p34 = Math.fma(EA4, r, EA3);
        double r3 = r2 * r;
        double p12 = Math.fma(r2, EA2, r);
        double p = Math.fma(r3, Math.fma(r2, p56, p34), p12);
        double t = EXP16[k & 15];
        // scalef by floor(N) = k >> 4 in [-1022, 1021]: the result is normal, so the product is exact
        return Math.fma(t, p, t) * Double.longBitsToDouble((long) ((k >> 4) + 1023) << 52);
    }

    private static final double[] EXP64 = doubles(
            0x3FF0000000000000L,
            0x0000000000000000L,
            0x3FF02C9A3E778061L,
            0xBC7160139CD8DC5DL,
            0x3FF059B0D3158574L,
            0x3C8CD2523567F613L,
            0x3FF0874518759BC8L,
            0x3C60F74E61E6C861L,
            0x3FF0B5586CF9890FL,
            0x3C979AA65D837B6DL,
            0x3FF0E3EC32D3D1A2L,
            0x3C3EBE3D702F9CD1L,
            0x3FF11301D0125B51L,
            0xBC9556522A2FBD0EL,
            0x3FF1429AAEA92DE0L,
            0xBC91C923B9D5F416L,
            0x3FF172B83C7D517BL,
            0xBC801B15EAA59348L,
            0x3FF1A35BEB6FCB75L,
            0x3C8B898C3F1353BFL,
            0x3FF1D4873168B9AAL,
            0x3C9AECF73E3A2F60L,
            0x3FF2063B88628CD6L,
            0x3C8A6F4144A6C38DL,
            0x3FF2387A6E756238L,
            0x3C968EFDE3A8A894L,
            0x3FF26B4565E27CDDL,
            0x3C80472B981FE7F2L,
            0x3FF29E9DF51FDEE1L,
            0x3C82F7E16D09AB31L,
            0x3FF2D285A6E4030BL,
            0x3C8B3782720C0AB4L,
            0x3FF306FE0A31B715L,
            0x3C834D754DB0ABB6L,
            0x3FF33C08B26416FFL,
            0x3C8FDD395DD3F84AL,
            0x3FF371A7373AA9CBL,
            0xBC924AEDCC4B5068L,
            0x3FF3A7DB34E59FF7L,
            0xBC71D1E83E9436D2L,
            0x3FF3DEA64C123422L,
            0x3C859F48A72A4C6DL,
            0x3FF4160A21F72E2AL,
            0xBC58A78F4817895BL,
            0x3FF44E086061892DL,
            0x3C4363ED60C2AC11L,
            0x3FF486A2B5C13CD0L,
            0x3C6ECCE1DAA10379L,
            0x3FF4BFDAD5362A27L,
            0x3C7690CEBB7AAFB0L,
            0x3FF4F9B2769D2CA7L,
            0xBC8F94340071A38EL,
            0x3FF5342B569D4F82L,
            0xBC78DEC6BD0F385FL,
            0x3FF56F4736B527DAL,
            0x3C93350518FDD78EL,
            0x3FF5AB07DD485429L,
            0x3C9063E1E21C5409L,
            0x3FF5E76F15AD2148L,
            0x3C9432E62B64C035L,
            0x3FF6247EB03A5585L,
            0xBC8C33C53BEF4DA8L,
            0x3FF6623882552225L,
            0xBC93CEDD78565858L,
            0x3FF6A09E667F3BCDL,
            0xBC93B3EFBF5E2228L,
            0x3FF6DFB23C651A2FL,
            0xBC6367EFB86DA9EEL,
            0x3FF71F75E8EC5F74L,
            0xBC781F647E5A3ECFL,
            0x3FF75FEB564267C9L,
            0xBC8619321E55E68AL,
            0x3FF7A11473EB0187L,
            0xBC7B32DCB94DA51DL,
            0x3FF7E2F336CF4E62L,
            0x3C65EBE1ABD66C55L,
            0x3FF82589994CCE13L,
            0xBC9369B6F13B3734L,
            0x3FF868D99B4492EDL,
            0xBC94D450D872576EL,
            0x3FF8ACE5422AA0DBL,
            0x3C8DB72FC1F0EAB4L,
            0x3FF8F1AE99157736L,
            0x3C7BF68359F35F44L,
            0x3FF93737B0CDC5E5L,
            0xBC5DA9B88B6C1E29L,
            0x3FF97D829FDE4E50L,
            0xBC92434322F4F9AAL,
            0x3FF9C49182A3F090L,
            0x3C71AFFC2B91CE27L,
            0x3FFA0C667B5DE565L,
            0xBC87C50422622263L,
            0x3FFA5503B23E255DL,
            0xBC91BBD1D3BCBB15L,
            0x3FFA9E6B5579FDBFL,
            0x3C8469846E735AB3L,
            0x3FFAE89F995AD3ADL,
            0x3C8C1A7792CB3387L,
            0x3FFB33A2B84F15FBL,
            0xBC55C3D956DCAEBAL,
            0x3FFB7F76F2FB5E47L,
            0xBC68D6F438AD9334L,
            0x3FFBCC1E904BC1D2L,
            0x3C74FFD70A5FDDCDL,
            0x3FFC199BDD85529CL,
            0x3C736EAE30AF0CB3L,
            0x3FFC67F12E57D14BL,
            0x3C84E08FD10959ACL,
            0x3FFCB720DCEF9069L,
            0x3C676B2C6C921968L,
            0x3FFD072D4A07897CL,
            0xBC8FAD5D3FFFFA6FL,
            0x3FFD5818DCFBA487L,
            0x3C74A385A63D07A7L,
            0x3FFDA9E603DB3285L,
            0x3C8E5A50D5C192ACL,
            0x3FFDFC97337B9B5FL,
            0xBC82D52107B43E1FL,
            0x3FFE502EE78B3FF6L,
            0x3C74B604603A88D3L,
            0x3FFEA4AFA2A490DAL,
            0xBC8FF7128FD391F0L,
            0x3FFEFA1BEE615A27L,
            0x3C8EC3BC41AA2008L,
            0x3FFF50765B6E4540L,
            0x3C8A64A931D185EEL,
            0x3FFFA7C1819E90D8L,
            0x3C77893B4D91CD9DL);

    /**
     * The kernel's scalar routine, for |x| >= 707.70...: overflow, underflow, and results near either end,
     * including subnormal ones (plain SSE arithmetic, no fma).
     */
    private static double expRare(double x) {
        if (x > 0x1.62e42fefa39efp+9) {
            return Double.POSITIVE_INFINITY;
        }
        if (x < -0x1.74910d52d3051p+9) {
            return 0.0;
        }
        double shifted = x * 0x1.71547652b82fep+6 + 0x1.8p52;
        int bits = (int) Double.doubleToRawLongBits(shifted);
        int j = bits & 0x3f;
        double n = shifted - 0x1.8p52;
        double r = x - n * 0x1.62e42fefa0000p-7;
        r = r - n * 0x1.cf79abc9e3b3ap-46;
        double p = 0x1.6c16a1c2a3ffdp-10 * r + 0x1.111123aaf20d3p-7;
        p = p * r + 0x1.5555555558fccp-5;
        p = p * r + 0x1.55555555548f8p-3;
        p = p * r + 0x1.0p-1;
        p = p * r * r + r + EXP64[2 * j + 1];
        double t = EXP64[2 * j];
        p = p * t;
        int m = bits >> 6;
        if (x < -0x1.6232bdd7abcd2p+9) { // subnormal result: scale by 2^(m+60) first, then 2^-60 once
            int e = (m + 0x43b) & 0x7ff;
            double scale = Double.longBitsToDouble((long) e << 52);
            double small = p * scale;
            double big = scale * t;
            double s = big + small;
            if (e <= 50) {
                return s * 0x1p-60;
            }
            double err = (big - s) + small;
            double split = s * 0x1.8p32;
            double head = (s + split) - split;
            double rest = err + (s - head);
            return head * 0x1p-60 + rest * 0x1p-60;
        }
        int e = (m + 0x3ff) & 0x7ff;
        p += t;
        if (e > 0x7fe) {
            return p * Double.longBitsToDouble((long) ((e - 1) & 0x7ff) << 52) * 2.0;
        }
        return p * Double.longBitsToDouble((long) e << 52);
    }

    // ---- log: SVML __svml_log8 -----------------------------------------------------------------------------

    private static final double NEG_NAN = Double.longBitsToDouble(0xfff8000000000000L);
    private static final double LN2 = 0x1.62e42fefa39efp-1;
    private static final double LC2 = -0x1.fffffffffffc6p-2;
    private static final double LC3 = 0x1.5555555555466p-2;
    private static final double LC4 = -0x1.00000000c05bdp-2;
    private static final double LC5 = 0x1.9999999cc9f5cp-3;
    private static final double LC6 = -0x1.55553fb28db06p-3;
    private static final double LC7 = 0x1.249229cee81efp-3;
    private static final double LC8 = -0x1.007357e93af62p-3;
    private static final double LC9 = 0x1.c81cd309d7c70p-4;
    /** -log(R) for R = 1, 17/32 .. 23/32 (times 2), 24/32 .. 31/32, by the top mantissa bits of R. */
    private static final double[] LOG16 = doubles(
            0x0000000000000000L,
            0xBFAF0A30C01162A6L,
            0xBFBE27076E2AF2E6L,
            0xBFC5FF3070A793D4L,
            0xBFCC8FF7C79A9A22L,
            0xBFD1675CABABA60EL,
            0xBFD4618BC21C5EC2L,
            0xBFD739D7F6BBD007L,
            0x3FD269621134DB92L,
            0x3FCF991C6CB3B379L,
            0x3FCA93ED3C8AD9E3L,
            0x3FC5BF406B543DB2L,
            0x3FC1178E8227E47CL,
            0x3FB9335E5D594989L,
            0x3FB08598B59E3A07L,
            0x3FA0415D89E74444L);
    /**
     * Where vrcp14pd, rounded to a multiple of 1/32, steps from (j+1)/32 to j/32 (index j - 16) as the mantissa
     * grows: near 32/(j + 1/2), but not exactly, as the instruction is only accurate to 2^-14. Measured on the
     * reference machine (AMD Zen 4); the instruction looks at the top 16 mantissa bits only.
     */
    private static final double[] RCP_STEP = {
        0x1.f08p+0, 0x1.d41cp+0, 0x1.badp+0, 0x1.a41ap+0, 0x1.8f9cp+0, 0x1.7d07p+0, 0x1.6c15p+0, 0x1.5c99p+0,
        0x1.4e5fp+0, 0x1.4143p+0, 0x1.3523p+0, 0x1.29e6p+0, 0x1.1f7p+0, 0x1.15b4p+0, 0x1.0c97p+0, 0x1.040fp+0
    };

    /** numpy's float64 log: Intel SVML's AVX-512 {@code __svml_log8}, one lane. */
    static double log(double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) { // the kernel's scalar routine (NaN passes through)
            return x != x ? x + x : x == 0 ? Double.NEGATIVE_INFINITY : x > 0 ? x : NEG_NAN;
        }
        // x = 2^e mant, mant in [1, 2) (vgetexppd / vgetmantpd, subnormals normalised)
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) (bits >>> 52) - 1023;
        if (e == -1023) {
            bits = Double.doubleToRawLongBits(x * 0x1p52);
            e = (int) (bits >>> 52) - 1075;
        }
        double mant = Double.longBitsToDouble(bits & 0x000fffffffffffffL | 0x3ff0000000000000L);
        // R = vrcp14pd(mant) rounded to a multiple of 1/32, in [1/2, 1]
        int q = (int) Math.rint(32.0 / mant);
        if (q < 32 && mant < RCP_STEP[q - 16]) {
            q++;
        } else if (q > 16 && mant >= RCP_STEP[q - 17]) {
            q--;
        }
        double rcp = q * 0x1p-5;
        double r = Math.fma(rcp, mant, -1.0);
        double p67 = Math.fma(LC7, r, LC6);
        double p89 = Math.fma(LC9, r, LC8);
        double p23 = Math.fma(LC3, r, LC2);
        double r2 = r * r;
        double p45 = Math.fma(LC5, r, LC4);
        double r4 = r2 * r2;
        double poly = Math.fma(r4, Math.fma(r2, p89, p67), Math.fma(r2, p45, p23));
        poly = Math.fma(r2, poly, r);
        double exponent = q < 24 ? e + 1 : e;
        int index = (int) (Double.doubleToRawLongBits(rcp) >>> 48) & 15;
        return Math.fma(LN2, exponent, LOG16[index] + poly);
    }

    // ---- tanh: numpy's port of SVML's tanh to universal intrinsics ------------------------------------------

    /**
     * Per interval (16 of them, by the exponent and first mantissa bit of |x| from 0.125 on): the shift b and the
     * coefficients c0..c16 of tanh(b + y), 18 doubles.
     */
    private static final double[] TANH = byInterval(
            // b
            0x0L,
            0x3fcc000000000000L,
            0x3fd4000000000000L,
            0x3fdc000000000000L,
            0x3fe4000000000000L,
            0x3fec000000000000L,
            0x3ff4000000000000L,
            0x3ffc000000000000L,
            0x4004000000000000L,
            0x400c000000000000L,
            0x4014000000000000L,
            0x401c000000000000L,
            0x4024000000000000L,
            0x402c000000000000L,
            0x4034000000000000L,
            0x0L,
            // c0
            0x0L,
            0x3fcb8fd0416a7c92L,
            0x3fd35f98a0ea650eL,
            0x3fda5729ee488037L,
            0x3fe1bf47eabb8f95L,
            0x3fe686650b8c2015L,
            0x3feb2523bb6b2deeL,
            0x3fee1fbf97e33527L,
            0x3fef9258260a71c2L,
            0x3feff112c63a9077L,
            0x3fefff419668df11L,
            0x3feffffc832750f2L,
            0x3feffffffdc96f35L,
            0x3fefffffffffcf58L,
            0x3ff0000000000000L,
            0x3ff0000000000000L,
            // c1
            0x3ff0000000000000L,
            0x3fee842ca3f08532L,
            0x3fed11574af58f1bL,
            0x3fea945b9c24e4f9L,
            0x3fe6284c3374f815L,
            0x3fe02500a09f8d6eL,
            0x3fd1f25131e3a8c0L,
            0x3fbd22ca1c24a139L,
            0x3f9b3afe1fba5c76L,
            0x3f6dd37d19b22b21L,
            0x3f27ccec13a9ef96L,
            0x3ecbe6c3f33250aeL,
            0x3e41b4865394f75fL,
            0x3d8853f01bda5f28L,
            0x3c73953c0197ef58L,
            0x0L,
            // c2
            0xbbf0b3ea3fdfaa19L,
            0xbfca48aaeb53bc21L,
            0xbfd19921f4329916L,
            0xbfd5e0f09bef8011L,
            0xbfd893b59c35c882L,
            0xbfd6ba7cb7576538L,
            0xbfce7291743d7555L,
            0xbfbb6d85a01efb80L,
            0xbf9addae58c7141aL,
            0xbf6dc59376c7aa19L,
            0xbf27cc5e74677410L,
            0xbecbe6c0e8b4cc87L,
            0xbe41b486526b0565L,
            0xbd8853f01bef63a4L,
            0xbc73955be519be31L,
            0x0L,
            // c3
            0xbfd5555555555555L,
            0xbfd183afc292ba11L,
            0xbfcc1a4b039c9bfaL,
            0xbfc16e1e6d8d0be6L,
            0xbf92426c751e48a2L,
            0x3fb4f152b2bad124L,
            0x3fbbba40cbef72beL,
            0x3fb01ba038be6a3dL,
            0x3f916df44871efc8L,
            0x3f63c6869dfc8870L,
            0x3f1fb9aef915d828L,
            0x3ec299d1e27c6e11L,
            0x3e379b5ddcca334cL,
            0x3d8037f57bc62c9aL,
            0x3c6a2d4b50a2cff7L,
            0x0L,
            // c4
            0xbce6863ee44ed636L,
            0x3fc04dcd0476c75eL,
            0x3fc43d3449a80f08L,
            0x3fc5c26f3699b7e7L,
            0x3fc1a686f6ab2533L,
            0x3faf203c316ce730L,
            0xbf89c7a02788557cL,
            0xbf98157e26e0d541L,
            0xbf807b55c1c7d278L,
            0xbf53a18d5843190fL,
            0xbf0fb6bbc89b1a5bL,
            0xbeb299c9c684a963L,
            0xbe279b5dd4fb3d01L,
            0xbd7037f57ae72aa6L,
            0xbc5a2ca2bba78e86L,
            0x0L,
            // c5
            0x3fc1111111112ab5L,
            0x3fb5c19efdfc08adL,
            0x3fa74c98dc34fbacL,
            0xbf790d6a8eff0a77L,
            0xbfac3c021789a786L,
            0xbfae2196b7326859L,
            0xbf93a7a011ff8c2aL,
            0x3f6e4709c7e8430eL,
            0x3f67682afa611151L,
            0x3f3ef2ee77717cbfL,
            0x3ef95a4482f180b7L,
            0x3e9dc2c27da3b603L,
            0x3e12e2afd9f7433eL,
            0x3d59f320348679baL,
            0x3c44b61d9bbcc940L,
            0x0L,
            // c6
            0xbda1ea19ddddb3b4L,
            0xbfb0b8df995ce4dfL,
            0xbfb2955cf41e8164L,
            0xbfaf9d05c309f7c6L,
            0xbf987d27ccff4291L,
            0x3f8b2ca62572b098L,
            0x3f8f1cf6c7f5b00aL,
            0x3f60379811e43dd5L,
            0xbf4793826f78537eL,
            0xbf2405695e36240fL,
            0xbee0e08de39ce756L,
            0xbe83d709ba5f714eL,
            0xbdf92e3fc5ee63e0L,
            0xbd414cc030f2110eL,
            0xbc2ba022e8d82a87L,
            0x0L,
            // c7
            0xbfaba1ba1990520bL,
            0xbf96e37bba52f6fcL,
            0x3ecff7df18455399L,
            0x3f97362834d33a4eL,
            0x3f9e7f8380184b45L,
            0x3f869543e7c420d4L,
            0xbf7326bd4914222aL,
            0xbf5fc15b0a9d98faL,
            0x3f14cffcfa69fbb6L,
            0x3f057e48e5b79d10L,
            0x3ec33b66d7d77264L,
            0x3e66ac4e578b9b10L,
            0x3ddcc74b8d3d5c42L,
            0x3d23c589137f92b4L,
            0x3c107f8e2c8707a1L,
            0x0L,
            // c8
            0xbe351ca7f096011fL,
            0x3f9eaaf3320c3851L,
            0x3f9cf823fe761fc1L,
            0x3f9022271754ff1fL,
            0xbf731fe77c9c60afL,
            0xbf84a6046865ec7dL,
            0xbf4ca3f1f2b9192bL,
            0x3f4c77dee0afd227L,
            0x3f04055bce68597aL,
            0xbee2bf0cb4a71647L,
            0xbea31eaafe73efd5L,
            0xbe46abb02c4368edL,
            0xbdbcc749ca8079ddL,
            0xbd03c5883836b9d2L,
            0xbbf07a5416264aecL,
            0x0L,
            // c9
            0x3f9664f94e6ac14eL,
            0xbf94d3343bae39ddL,
            0xbf7bc748e60df843L,
            0xbf8c89372b43ba85L,
            0xbf8129a092de747aL,
            0x3f60c85b4d538746L,
            0x3f5be9392199ec18L,
            0xbf2a0c68a4489f10L,
            0xbf00462601dc2faaL,
            0x3eb7b6a219dea9f4L,
            0x3e80cbcc8d4c5c8aL,
            0x3e2425bb231a5e29L,
            0x3d9992a4beac8662L,
            0x3ce191ba5ed3fb67L,
            0x3bc892450bad44c4L,
            0x0L,
            // c10
            0xbea8c4c1fd7852feL,
            0xbfccce16b1046f13L,
            0xbf81a16f224bb7b6L,
            0xbf62cbf00406bc09L,
            0x3f75b29bb02cf69bL,
            0x3f607df0f9f90c17L,
            0xbf4b852a6e0758d5L,
            0xbf0078c63d1b8445L,
            0x3eec12eadd55be7aL,
            0xbe6fa600f593181bL,
            0xbe5a3c935dce3f7dL,
            0xbe001c6d95e3ae96L,
            0xbd74755a00ea1fd3L,
            0xbcbc1c6c063bb7acL,
            0xbba3be9a4460fe00L,
            0x0L,
            // c11
            0xbf822404577aa9ddL,
            0x403d8b07f7a82aa3L,
            0xbf9f44ab92fbab0aL,
            0x3fb2eac604473d6aL,
            0x3f45f87d903aaac8L,
            0xbf5e104671036300L,
            0x3f19bc98ddf0f340L,
            0x3f0d4304bc9246e8L,
            0xbed13c415f7b9d41L,
            0xbe722b8d9720cdb0L,
            0x3e322666d739bec0L,
            0x3dd76a553d7e7918L,
            0x3d4de0fa59416a39L,
            0x3c948716cf3681b4L,
            0x3b873f9f2d2fda99L,
            0x0L,
            // c12
            0xbefdd99a221ed573L,
            0x4070593a3735bab4L,
            0xbfccab654e44835eL,
            0x3fd13ed80037dbacL,
            0xbf6045b9076cc487L,
            0x3f2085ee7e8ac170L,
            0x3f23524622610430L,
            0xbeff12a6626911b4L,
            0x3eab9008bca408afL,
            0x3e634df71865f620L,
            0xbe05bb1bcf83ca73L,
            0xbdaf2ac143fb6762L,
            0xbd23eae52a3dbf57L,
            0xbc6b5e3e9ca0955eL,
            0xbb5eca68e2c1ba2eL,
            0x0L,
            // c13
            0x3f6e3be689423841L,
            0xc0d263511f5baac1L,
            0x40169f73b15ebe5cL,
            0xc025c1dd41cd6cb5L,
            0xbf58fd89fe05e0d1L,
            0x3f73f7af01d5af7aL,
            0xbf1e40bdead17e6bL,
            0x3ee224cd6c4513e5L,
            0xbe24b645e68eeaa3L,
            0xbe4abfebfb72bc83L,
            0x3dd51c38f8695ed3L,
            0x3d8313ac38c6832bL,
            0x3cf7787935626685L,
            0x3c401ffc49c6bc29L,
            0xbabf0b21acfa52abL,
            0x0L,
            // c14
            0xbf2a1306713a4f3aL,
            0xc1045e509116b066L,
            0x4041fab9250984ceL,
            0xc0458d090ec3de95L,
            0xbf74949d60113d63L,
            0x3f7c9fd6200d0adeL,
            0x3f02cd40e0ad0a9fL,
            0xbe858ab8e019f311L,
            0xbe792fa6323b7cf8L,
            0x3e2df04d67876402L,
            0xbd95c72be95e4d2cL,
            0xbd55a89c30203106L,
            0xbccad6b3bb9eff65L,
            0xbc12705ccd3dd884L,
            0xba8e0a4c47ae75f5L,
            0x0L,
            // c15
            0xbf55d7e76dc56871L,
            0x41528c38809c90c7L,
            0xc076d57fb5190b02L,
            0x4085f09f888f8adaL,
            0x3fa246332a2fcba5L,
            0xbfb29d851a896fcdL,
            0x3ed9065ae369b212L,
            0xbeb8e1ba4c98a030L,
            0x3e6ffd0766ad4016L,
            0xbe0c63c29f505f5bL,
            0xbd7fab216b9e0e49L,
            0x3d2826b62056aa27L,
            0x3ca313e31762f523L,
            0x3bea37aa21895319L,
            0x3ae5c7f1fd871496L,
            0x0L,
            // c16
            0x3f35e67ab76a26e7L,
            0x41848ee0627d8206L,
            0xc0a216d618b489ecL,
            0x40a5b89107c8af4fL,
            0x3fb69d8374520edaL,
            0xbfbded519f981716L,
            0xbef02d288b5b3371L,
            0x3eb290981209c1a6L,
            0xbe567e924bf5ff6eL,
            0x3de3f7f7de6b0eb6L,
            0x3d69ed18bae3ebbcL,
            0xbcf7534c4f3dfa71L,
            0xbc730b73f1eaff20L,
            0xbbba2cff8135d462L,
            0xbab5a71b5f7d9035L,
            0x0L);

    /** numpy's AVX512_SKX float64 tanh. */
    static double tanh(double x) {
        long bits = Double.doubleToRawLongBits(x);
        long top = bits & 0x7ff8000000000000L;
        if (top > 0x7fe0000000000000L) { // |x| >= 0x1.8p1023, inf, NaN: numpy calls libm
            return x != x ? Double.NaN : Math.copySign(1.0, x);
        }
        int interval = Math.min(Math.max((int) (top >>> 32) - 0x3fc00000, 0), 0x780000) >>> 19;
        int t = interval * 18;
        double y = Math.abs(x) - TANH[t];
        double r = Math.fma(TANH[t + 17], y, TANH[t + 16]);
        for (int c = 15; c >= 1; c--) {
            r = Math.fma(r, y, TANH[t + c]);
        }
        return Double.longBitsToDouble(Double.doubleToRawLongBits(r) | (bits & 0x8000000000000000L));
    }

    private static double[] doubles(long... bits) {
        double[] out = new double[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = Double.longBitsToDouble(bits[i]);
        }
        return out;
    }

    /** Coefficient-major (18 rows of 16, numpy's layout) to interval-major, so one tanh reads one stretch. */
    private static double[] byInterval(long... coefficientMajor) {
        double[] out = new double[16 * 18];
        for (int row = 0; row < 18; row++) {
            for (int interval = 0; interval < 16; interval++) {
                out[interval * 18 + row] = Double.longBitsToDouble(coefficientMajor[row * 16 + interval]);
            }
        }
        return out;
    }
}
