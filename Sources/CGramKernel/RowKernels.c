#include "RowKernels.h"

// One row of a layer against a target row, in double precision: the float
// values are widened a vector at a time. One version is compiled per
// instruction set and the best one the processor has is chosen on the first
// call (a row kernel runs a million times in a pass, so the choice is kept).

typedef double vd8 __attribute__((vector_size(64)));
typedef double vd4 __attribute__((vector_size(32)));
typedef double vd2 __attribute__((vector_size(16)));
typedef float vf8 __attribute__((vector_size(32)));
typedef float vf4 __attribute__((vector_size(16)));
typedef float vf2 __attribute__((vector_size(8)));

// NAME_distance and NAME_dot over W doubles per vector (VD) widened from W floats (VF),
// two vectors of running sums.
#define DEFINE_ROW_KERNELS(NAME, VD, VF, W, ATTRIBUTE)                                               \
  ATTRIBUTE static double NAME##_distance(const float *x, const double *t, long n) {                \
    VD s0 = {0}, s1 = {0};                                                                          \
    long j = 0;                                                                                     \
    for (; j + 2 * W <= n; j += 2 * W) {                                                            \
      VF a, b;                                                                                      \
      VD ta, tb;                                                                                    \
      __builtin_memcpy(&a, x + j, sizeof a);                                                        \
      __builtin_memcpy(&b, x + j + W, sizeof b);                                                    \
      __builtin_memcpy(&ta, t + j, sizeof ta);                                                      \
      __builtin_memcpy(&tb, t + j + W, sizeof tb);                                                  \
      VD da = __builtin_convertvector(a, VD) - ta, db = __builtin_convertvector(b, VD) - tb;       \
      s0 += da * da;                                                                                \
      s1 += db * db;                                                                                \
    }                                                                                               \
    VD s = s0 + s1;                                                                                 \
    double sum = 0;                                                                                 \
    for (int k = 0; k < W; k++) sum += s[k];                                                        \
    for (; j < n; j++) {                                                                            \
      double d = (double)x[j] - t[j];                                                               \
      sum += d * d;                                                                                 \
    }                                                                                               \
    return sum;                                                                                     \
  }                                                                                                 \
  ATTRIBUTE static void NAME##_dot(const float *x, const double *t, long n, double *dot, double *norm) { \
    VD d0 = {0}, n0 = {0};                                                                          \
    long j = 0;                                                                                     \
    for (; j + W <= n; j += W) {                                                                    \
      VF a;                                                                                         \
      VD ta;                                                                                        \
      __builtin_memcpy(&a, x + j, sizeof a);                                                        \
      __builtin_memcpy(&ta, t + j, sizeof ta);                                                      \
      VD wide = __builtin_convertvector(a, VD);                                                     \
      d0 += wide * ta;                                                                              \
      n0 += wide * wide;                                                                            \
    }                                                                                               \
    double sumDot = 0, sumNorm = 0;                                                                 \
    for (int k = 0; k < W; k++) {                                                                   \
      sumDot += d0[k];                                                                              \
      sumNorm += n0[k];                                                                             \
    }                                                                                               \
    for (; j < n; j++) {                                                                            \
      double v = x[j];                                                                              \
      sumDot += v * t[j];                                                                           \
      sumNorm += v * v;                                                                             \
    }                                                                                               \
    *dot = sumDot;                                                                                  \
    *norm = sumNorm;                                                                                \
  }

#if defined(__x86_64__)
DEFINE_ROW_KERNELS(avx512, vd8, vf8, 8, __attribute__((target("avx512f"))))
DEFINE_ROW_KERNELS(avx2, vd4, vf4, 4, __attribute__((target("avx2,fma"))))
#endif
DEFINE_ROW_KERNELS(portable, vd2, vf2, 2, )

typedef double (*DistanceKernel)(const float *, const double *, long);
typedef void (*DotKernel)(const float *, const double *, long, double *, double *);

static DistanceKernel chosenDistance;
static DotKernel chosenDot;

/// Picks the kernels for this processor (racing threads pick the same ones).
static void choose(void) {
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx512f")) {
    chosenDot = avx512_dot;
    __atomic_store_n(&chosenDistance, avx512_distance, __ATOMIC_RELEASE);
    return;
  }
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    chosenDot = avx2_dot;
    __atomic_store_n(&chosenDistance, avx2_distance, __ATOMIC_RELEASE);
    return;
  }
#endif
  chosenDot = portable_dot;
  __atomic_store_n(&chosenDistance, portable_distance, __ATOMIC_RELEASE);
}

double activis_squared_distance(const float *x, const double *t, long n) {
  DistanceKernel kernel = __atomic_load_n(&chosenDistance, __ATOMIC_ACQUIRE);
  if (!kernel) {
    choose();
    kernel = chosenDistance;
  }
  return kernel(x, t, n);
}

void activis_dot_and_norm(const float *x, const double *t, long n, double *dot, double *norm) {
  if (!__atomic_load_n(&chosenDistance, __ATOMIC_ACQUIRE)) choose();
  chosenDot(x, t, n, dot, norm);
}
