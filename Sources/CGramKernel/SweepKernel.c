#include "SweepKernel.h"
#include "Vectors.h"

// The statistics pass's inner loop, a vector of neurons at a time. Every
// operation is the IEEE operation of the scalar expression it stands for, in
// the same order, so the sums are bit for bit those of the scalar loop
// whatever the vector width (NaN payloads aside): contraction into fused
// multiply-adds is off.
#pragma STDC FP_CONTRACT OFF

// a < b ? a : b and a > b ? a : b, lane by lane (a comparison with NaN is false).
#define LEAST(VF, VI, a, b) ((VF)(((VI)((a) < (b)) & (VI)(a)) | (~(VI)((a) < (b)) & (VI)(b))))
#define MOST(VF, VI, a, b) ((VF)(((VI)((a) > (b)) & (VI)(a)) | (~(VI)((a) > (b)) & (VI)(b))))

static inline float least(float a, float b) { return a < b ? a : b; }
static inline float most(float a, float b) { return a > b ? a : b; }

/// One neuron, as the scalar expressions.
static inline void sweepOne(const float *const r[8], const float *t, float *s, float *q, float *low, float *high,
                            long j) {
  float x0 = r[0][j], x1 = r[1][j], x2 = r[2][j], x3 = r[3][j], x4 = r[4][j], x5 = r[5][j], x6 = r[6][j], x7 = r[7][j];
  float d0 = x0 - t[j], d1 = x1 - t[j], d2 = x2 - t[j], d3 = x3 - t[j];
  float d4 = x4 - t[j], d5 = x5 - t[j], d6 = x6 - t[j], d7 = x7 - t[j];
  s[j] += ((d0 + d1) + (d2 + d3)) + ((d4 + d5) + (d6 + d7));
  float p0 = d0 * d0, p1 = d1 * d1, p2 = d2 * d2, p3 = d3 * d3;
  float p4 = d4 * d4, p5 = d5 * d5, p6 = d6 * d6, p7 = d7 * d7;
  q[j] += ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7));
  low[j] = least(least(least(x0, x1), least(x2, x3)), least(least(x4, x5), least(least(x6, x7), low[j])));
  high[j] = most(most(most(x0, x1), most(x2, x3)), most(most(x4, x5), most(most(x6, x7), high[j])));
}

#define LOAD(VF, dst, p) __builtin_memcpy(&(dst), (p), sizeof(VF))
#define STORE(VF, p, v) __builtin_memcpy((p), &(v), sizeof(VF))

#define DEFINE_SWEEP(NAME, VF, VI, W, ATTRIBUTE)                                                          \
  ATTRIBUTE static void NAME(const float *const r[8], const float *t, float *s, float *q, float *low,     \
                             float *high, long columns) {                                                \
    long j = 0;                                                                                          \
    for (; j + W <= columns; j += W) {                                                                   \
      VF x0, x1, x2, x3, x4, x5, x6, x7, tj, sj, qj, lj, hj;                                             \
      LOAD(VF, x0, r[0] + j); LOAD(VF, x1, r[1] + j); LOAD(VF, x2, r[2] + j); LOAD(VF, x3, r[3] + j);    \
      LOAD(VF, x4, r[4] + j); LOAD(VF, x5, r[5] + j); LOAD(VF, x6, r[6] + j); LOAD(VF, x7, r[7] + j);    \
      LOAD(VF, tj, t + j); LOAD(VF, sj, s + j); LOAD(VF, qj, q + j); LOAD(VF, lj, low + j);              \
      LOAD(VF, hj, high + j);                                                                            \
      VF d0 = x0 - tj, d1 = x1 - tj, d2 = x2 - tj, d3 = x3 - tj;                                         \
      VF d4 = x4 - tj, d5 = x5 - tj, d6 = x6 - tj, d7 = x7 - tj;                                         \
      sj += ((d0 + d1) + (d2 + d3)) + ((d4 + d5) + (d6 + d7));                                           \
      VF p0 = d0 * d0, p1 = d1 * d1, p2 = d2 * d2, p3 = d3 * d3;                                         \
      VF p4 = d4 * d4, p5 = d5 * d5, p6 = d6 * d6, p7 = d7 * d7;                                         \
      qj += ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7));                                           \
      VF l67 = LEAST(VF, VI, x6, x7), l45 = LEAST(VF, VI, x4, x5);                                       \
      VF l01 = LEAST(VF, VI, x0, x1), l23 = LEAST(VF, VI, x2, x3);                                       \
      VF lTail = LEAST(VF, VI, l67, lj);                                                                 \
      VF lRight = LEAST(VF, VI, l45, lTail), lLeft = LEAST(VF, VI, l01, l23);                            \
      lj = LEAST(VF, VI, lLeft, lRight);                                                                 \
      VF h67 = MOST(VF, VI, x6, x7), h45 = MOST(VF, VI, x4, x5);                                         \
      VF h01 = MOST(VF, VI, x0, x1), h23 = MOST(VF, VI, x2, x3);                                         \
      VF hTail = MOST(VF, VI, h67, hj);                                                                  \
      VF hRight = MOST(VF, VI, h45, hTail), hLeft = MOST(VF, VI, h01, h23);                              \
      hj = MOST(VF, VI, hLeft, hRight);                                                                  \
      STORE(VF, s + j, sj); STORE(VF, q + j, qj); STORE(VF, low + j, lj); STORE(VF, high + j, hj);       \
    }                                                                                                    \
    for (; j < columns; j++) sweepOne(r, t, s, q, low, high, j);                                         \
  }

#if defined(__x86_64__)
DEFINE_SWEEP(sweep_avx512, vf16, vi16, 16, __attribute__((target("avx512f"))))
DEFINE_SWEEP(sweep_avx2, vf8, vi8, 8, __attribute__((target("avx2"))))
#endif
DEFINE_SWEEP(sweep_portable, vf4, vi4, 4, )

static void (*chosenSweep)(const float *const[8], const float *, float *, float *, float *, float *, long);

void activis_sweep8(const float *const rows[8], const float *t, float *s, float *q, float *low, float *high,
                    long columns) {
  BEST_KERNEL(chosenSweep, sweep, 0)(rows, t, s, q, low, high, columns);
}

// activis_add_centred, W lanes of VD widened from VF at a time; a prefetch of
// `next` every 16 floats (a cache line).
#define DEFINE_ADD_CENTRED(NAME, VD, VF, W, ATTRIBUTE)                                                    \
  ATTRIBUTE static void NAME(const float *x, const float *mean, const float *next, double *sums,         \
                             double *squares, long columns) {                                           \
    long j = 0;                                                                                          \
    for (; j + W <= columns; j += W) {                                                                   \
      if (next && (j & 15) == 0) __builtin_prefetch(next + j);                                           \
      VF a, m;                                                                                           \
      VD s, q;                                                                                           \
      LOAD(VF, a, x + j); LOAD(VF, m, mean + j); LOAD(VD, s, sums + j); LOAD(VD, q, squares + j);        \
      VD v = __builtin_convertvector(a - m, VD);                                                         \
      s += v;                                                                                            \
      q += v * v;                                                                                        \
      STORE(VD, sums + j, s); STORE(VD, squares + j, q);                                                 \
    }                                                                                                    \
    for (; j < columns; j++) {                                                                           \
      double v = (double)(x[j] - mean[j]);                                                               \
      sums[j] += v;                                                                                      \
      squares[j] += v * v;                                                                               \
    }                                                                                                    \
  }

#if defined(__x86_64__)
DEFINE_ADD_CENTRED(addCentred_avx512, vd8, vf8, 8, __attribute__((target("avx512f"))))
DEFINE_ADD_CENTRED(addCentred_avx2, vd4, vf4, 4, __attribute__((target("avx2"))))
#endif
DEFINE_ADD_CENTRED(addCentred_portable, vd2, vf2, 2, )

static void (*chosenAddCentred)(const float *, const float *, const float *, double *, double *, long);

void activis_add_centred(const float *x, const float *mean, const float *next, double *sums, double *squares,
                         long columns) {
  BEST_KERNEL(chosenAddCentred, addCentred, 0)(x, mean, next, sums, squares, columns);
}
