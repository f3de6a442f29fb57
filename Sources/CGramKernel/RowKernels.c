#include "RowKernels.h"
#include "Vectors.h"

// One row of a layer against a target row, in double precision: the float
// values are widened a vector at a time. One version is compiled per
// instruction set and the best one the processor has is chosen on the first
// call (a row kernel runs a million times in a pass, so the choice is kept).

// FUNC(x, t, n, dot, norm): the sums of x[j] * t[j] and x[j]^2 in T, W lanes
// of VT (the float values of x widened from VF, or VF itself) at a time.
#define DEFINE_DOT(FUNC, T, VT, VF, W, ATTRIBUTE)                                                    \
  ATTRIBUTE static void FUNC(const float *x, const T *t, long n, T *dot, T *norm) {                 \
    VT d0 = {0}, n0 = {0};                                                                          \
    long j = 0;                                                                                     \
    for (; j + W <= n; j += W) {                                                                    \
      VF a;                                                                                         \
      VT ta;                                                                                        \
      __builtin_memcpy(&a, x + j, sizeof a);                                                        \
      __builtin_memcpy(&ta, t + j, sizeof ta);                                                      \
      VT wide = __builtin_convertvector(a, VT);                                                     \
      d0 += wide * ta;                                                                              \
      n0 += wide * wide;                                                                            \
    }                                                                                               \
    T sumDot = 0, sumNorm = 0;                                                                      \
    for (int k = 0; k < W; k++) {                                                                   \
      sumDot += d0[k];                                                                              \
      sumNorm += n0[k];                                                                             \
    }                                                                                               \
    for (; j < n; j++) {                                                                            \
      T v = x[j];                                                                                   \
      sumDot += v * t[j];                                                                           \
      sumNorm += v * v;                                                                             \
    }                                                                                               \
    *dot = sumDot;                                                                                  \
    *norm = sumNorm;                                                                                \
  }

// FUNC(x, t, n): the sum of (x[j] - t[j])^2 in T, W lanes of VT (the float
// values of x widened from VF, or VF itself) in two running sums, so that the
// loads of a row need not wait for the sums.
#define DEFINE_DISTANCE(FUNC, T, VT, VF, W, ATTRIBUTE)                                               \
  ATTRIBUTE static T FUNC(const float *x, const T *t, long n) {                                     \
    VT s0 = {0}, s1 = {0};                                                                          \
    long j = 0;                                                                                     \
    for (; j + 2 * W <= n; j += 2 * W) {                                                            \
      VF a, b;                                                                                      \
      VT ta, tb;                                                                                    \
      __builtin_memcpy(&a, x + j, sizeof a);                                                        \
      __builtin_memcpy(&b, x + j + W, sizeof b);                                                    \
      __builtin_memcpy(&ta, t + j, sizeof ta);                                                      \
      __builtin_memcpy(&tb, t + j + W, sizeof tb);                                                  \
      VT da = __builtin_convertvector(a, VT) - ta, db = __builtin_convertvector(b, VT) - tb;       \
      s0 += da * da;                                                                                \
      s1 += db * db;                                                                                \
    }                                                                                               \
    VT s = s0 + s1;                                                                                 \
    T sum = 0;                                                                                      \
    for (int k = 0; k < W; k++) sum += s[k];                                                        \
    for (; j < n; j++) {                                                                            \
      T d = (T)x[j] - t[j];                                                                         \
      sum += d * d;                                                                                 \
    }                                                                                               \
    return sum;                                                                                     \
  }

// distance_NAME and dot_NAME over W doubles per vector (VD) widened from W floats (VF),
// two vectors of running sums.
#define DEFINE_ROW_KERNELS(NAME, VD, VF, W, ATTRIBUTE)                                               \
  DEFINE_DISTANCE(distance_##NAME, double, VD, VF, W, ATTRIBUTE)                                     \
  DEFINE_DOT(dot_##NAME, double, VD, VF, W, ATTRIBUTE)

#if defined(__x86_64__)
DEFINE_ROW_KERNELS(avx512, vd8, vf8, 8, __attribute__((target("avx512f"))))
DEFINE_ROW_KERNELS(avx2, vd4, vf4, 4, __attribute__((target("avx2,fma"))))
#endif
DEFINE_ROW_KERNELS(portable, vd2, vf2, 2, )

static double (*chosenDistance)(const float *, const double *, long);
static void (*chosenDot)(const float *, const double *, long, double *, double *);

double activis_squared_distance(const float *x, const double *t, long n) {
  return BEST_KERNEL(chosenDistance, distance, 1)(x, t, n);
}

void activis_dot_and_norm(const float *x, const double *t, long n, double *dot, double *norm) {
  BEST_KERNEL(chosenDot, dot, 1)(x, t, n, dot, norm);
}

// Squared distances in float between every row of A and every row of B, in
// blocks of four rows of A by four rows of B, so that each vector loaded
// serves four distances: NAME over W floats per vector (VF).
#define DEFINE_FLOAT_DISTANCES(NAME, VF, W, ATTRIBUTE)                                               \
  ATTRIBUTE static float NAME##_one(const float *a, const float *b, long n) {                       \
    VF s = {0};                                                                                     \
    long j = 0;                                                                                     \
    for (; j + W <= n; j += W) {                                                                    \
      VF x, y;                                                                                      \
      __builtin_memcpy(&x, a + j, sizeof x);                                                        \
      __builtin_memcpy(&y, b + j, sizeof y);                                                        \
      VF d = x - y;                                                                                 \
      s += d * d;                                                                                   \
    }                                                                                               \
    float sum = 0;                                                                                  \
    for (int k = 0; k < W; k++) sum += s[k];                                                        \
    for (; j < n; j++) {                                                                            \
      float d = a[j] - b[j];                                                                        \
      sum += d * d;                                                                                 \
    }                                                                                               \
    return sum;                                                                                     \
  }                                                                                                 \
  ATTRIBUTE static void NAME##_four(const float *a, const float *b, long n, float *out, long ldo) { \
    VF s[4][4];                                                                                     \
    for (int p = 0; p < 4; p++)                                                                     \
      for (int q = 0; q < 4; q++) s[p][q] = (VF){0};                                                \
    long j = 0;                                                                                     \
    for (; j + W <= n; j += W) {                                                                    \
      VF x[4], y[4];                                                                                \
      for (int p = 0; p < 4; p++) __builtin_memcpy(&x[p], a + p * n + j, sizeof x[p]);              \
      for (int q = 0; q < 4; q++) __builtin_memcpy(&y[q], b + q * n + j, sizeof y[q]);              \
      for (int p = 0; p < 4; p++)                                                                   \
        for (int q = 0; q < 4; q++) {                                                               \
          VF d = x[p] - y[q];                                                                       \
          s[p][q] += d * d;                                                                         \
        }                                                                                           \
    }                                                                                               \
    for (int p = 0; p < 4; p++)                                                                     \
      for (int q = 0; q < 4; q++) {                                                                 \
        float sum = 0;                                                                              \
        for (int l = 0; l < W; l++) sum += s[p][q][l];                                              \
        for (long k = j; k < n; k++) {                                                              \
          float d = a[p * n + k] - b[q * n + k];                                                    \
          sum += d * d;                                                                             \
        }                                                                                           \
        out[p * ldo + q] = sum;                                                                     \
      }                                                                                             \
  }                                                                                                 \
  ATTRIBUTE static void NAME(const float *a, long aCount, const float *b, long bCount, long n,     \
                             float *out) {                                                          \
    long aFull = aCount / 4 * 4, bFull = bCount / 4 * 4;                                            \
    for (long i = 0; i < aFull; i += 4)                                                             \
      for (long k = 0; k < bFull; k += 4) NAME##_four(a + i * n, b + k * n, n, out + i * bCount + k, bCount); \
    for (long i = 0; i < aCount; i++)                                                               \
      for (long k = i < aFull ? bFull : 0; k < bCount; k++)                                         \
        out[i * bCount + k] = NAME##_one(a + i * n, b + k * n, n);                                  \
  }

#if defined(__x86_64__)
DEFINE_FLOAT_DISTANCES(distances_avx512, vf16, 16, __attribute__((target("avx512f"))))
DEFINE_FLOAT_DISTANCES(distances_avx2, vf8, 8, __attribute__((target("avx2,fma"))))
#endif
DEFINE_FLOAT_DISTANCES(distances_portable, vf4, 4, )

static void (*chosenFloatDistances)(const float *, long, const float *, long, long, float *);

void activis_squared_distances_f32(const float *a, long aCount, const float *b, long bCount, long n, float *out) {
  BEST_KERNEL(chosenFloatDistances, distances, 1)(a, aCount, b, bCount, n, out);
}

// One row against a target row in single precision, for a first pass that a
// second, in double precision, makes exact (see RowKernels.h): floatDistance_NAME
// and floatDot_NAME over W floats per vector (VF).
#define DEFINE_FLOAT_ROW_KERNELS(NAME, VF, W, ATTRIBUTE)                                             \
  DEFINE_DISTANCE(floatDistance_##NAME, float, VF, VF, W, ATTRIBUTE)                                 \
  DEFINE_DOT(floatDot_##NAME, float, VF, VF, W, ATTRIBUTE)

#if defined(__x86_64__)
DEFINE_FLOAT_ROW_KERNELS(avx512, vf16, 16, __attribute__((target("avx512f"))))
DEFINE_FLOAT_ROW_KERNELS(avx2, vf8, 8, __attribute__((target("avx2,fma"))))
#endif
DEFINE_FLOAT_ROW_KERNELS(portable, vf4, 4, )

static float (*chosenFloatDistance)(const float *, const float *, long);
static void (*chosenFloatDot)(const float *, const float *, long, float *, float *);

float activis_squared_distance_f32(const float *x, const float *t, long n) {
  return BEST_KERNEL(chosenFloatDistance, floatDistance, 1)(x, t, n);
}

void activis_dot_and_norm_f32(const float *x, const float *t, long n, float *dot, float *norm) {
  BEST_KERNEL(chosenFloatDot, floatDot, 1)(x, t, n, dot, norm);
}

void activis_gather_neurons(const char *base, long rowBytes, const long *rows, long rowCount, const long *neurons,
                            long neuronCount, float *out, long stride) {
  enum { AHEAD = 16 };
  for (long i = 0; i < rowCount; i++) {
    if (i + AHEAD < rowCount) {
      const char *ahead = base + rows[i + AHEAD] * rowBytes;
      for (long k = 0; k < neuronCount; k++) __builtin_prefetch(ahead + neurons[k] * (long)sizeof(float));
    }
    const float *row = (const float *)(base + rows[i] * rowBytes);
    for (long k = 0; k < neuronCount; k++) out[k * stride + i] = row[neurons[k]];
  }
}
