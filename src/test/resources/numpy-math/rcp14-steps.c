/*
 * Prints where vrcp14pd(m), rounded to a multiple of 1/32 (as __svml_log8 rounds it), steps from (j+1)/32 to j/32
 * for m in [1, 2): NumpyMath.RCP_STEP. The instruction is only specified to 2^-14, so the steps are measured on
 * the machine the reference runs on.   gcc -O1 -mavx512f rcp14-steps.c -o rcp14-steps && ./rcp14-steps
 */
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static double rounded_rcp(double m) {
    double out[8];
    _mm512_storeu_pd(out, _mm512_roundscale_pd(_mm512_rcp14_pd(_mm512_set1_pd(m)), 0x58));
    return out[0] * 32;
}

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static double from_bits(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

int main(void) {
    for (int j = 16; j < 32; j++) {
        uint64_t centre = bits(32.0 / (j + 0.5)), lo = centre - (1ULL << 42), hi = centre + (1ULL << 42);
        if (rounded_rcp(from_bits(lo)) != j + 1 || rounded_rcp(from_bits(hi)) != j) {
            printf("j=%d: no single step near 32/(j+1/2)\n", j);
            return 1;
        }
        while (hi - lo > 1) {  /* the smallest m that gives j/32 */
            uint64_t mid = lo + (hi - lo) / 2;
            if (rounded_rcp(from_bits(mid)) == j + 1) lo = mid; else hi = mid;
        }
        for (uint64_t u = centre - (1ULL << 42); u < centre + (1ULL << 42); u += 1ULL << 30)
            if (rounded_rcp(from_bits(u)) != (u < hi ? j + 1 : j)) { printf("j=%d: not monotonic\n", j); return 1; }
        printf("%a%s", from_bits(hi), j < 31 ? ", " : "\n");
    }
    return 0;
}
