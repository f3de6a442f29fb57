#include "GramKernel.h"
#include "Vectors.h"

#include <stdlib.h>

// G += Uᵀ V by tiles of TI x TJ cells kept in registers while the rows stream
// past. The columns of U and V are first packed, TI (TJ) at a time, into
// contiguous row-major panels of doubles, so that the tile's inner loop reads
// memory in order (rows of a layer lie a whole row apart, which the cache
// cannot hold). One kernel is compiled per instruction set, with a tile that
// fits its registers, and the best one the processor has is chosen at run time.

static __thread double *panels;
static __thread size_t panelCapacity;

/// A buffer of at least `count` doubles, kept per thread between calls.
static double *scratch(size_t count) {
  if (count > panelCapacity) {
    free(panels);
    panels = malloc(count * sizeof(double));
    panelCapacity = panels ? count : 0;
  }
  return panels;
}

/// Packs columns [c0, c0 + width) of `rows` rows of m (stride ld) into a
/// rows x width block, zero-padded to `width` when fewer columns remain.
static inline void pack(long rows, long c0, long width, long columns, const float *m, long ld, double *out) {
  long n = columns - c0 < width ? columns - c0 : width;
  for (long r = 0; r < rows; r++) {
    const float *row = m + r * ld + c0;
    double *dst = out + r * width;
    long k = 0;
    for (; k < n; k++) dst[k] = (double)row[k];
    for (; k < width; k++) dst[k] = 0;
  }
}

// NAME: a kernel over tiles of TI x (NV * W) cells, W doubles per vector of type VT.
#define DEFINE_KERNEL(NAME, VT, W, TI, NV, ATTRIBUTE)                                                           \
  ATTRIBUTE static void NAME(long rows, long p, long q, const float *u, long ldu, const float *v, long ldv,      \
                             double *g, long ldg, int symmetric) {                                              \
    enum { TJ = NV * W };                                                                                       \
    long panelsI = (p + TI - 1) / TI, panelsJ = (q + TJ - 1) / TJ;                                              \
    double *packedU = scratch((size_t)rows * (size_t)(panelsI * TI + panelsJ * TJ));                            \
    if (!packedU) return;                                                                                       \
    double *packedV = packedU + rows * panelsI * TI;                                                           \
    for (long a = 0; a < panelsI; a++) pack(rows, a * TI, TI, p, u, ldu, packedU + a * rows * TI);             \
    for (long b = 0; b < panelsJ; b++) pack(rows, b * TJ, TJ, q, v, ldv, packedV + b * rows * TJ);             \
    for (long b = 0; b < panelsJ; b++) {                                                                        \
      const double *vb = packedV + b * rows * TJ;                                                               \
      long j0 = b * TJ, nj = q - j0 < TJ ? q - j0 : TJ;                                                         \
      for (long a = 0; a < panelsI; a++) {                                                                      \
        long i0 = a * TI, ni = p - i0 < TI ? p - i0 : TI;                                                       \
        if (symmetric && i0 > j0 + TJ - 1) break;                                                               \
        const double *ua = packedU + a * rows * TI;                                                             \
        VT acc[TI][NV];                                                                                         \
        for (int ii = 0; ii < TI; ii++)                                                                         \
          for (int k = 0; k < NV; k++) acc[ii][k] = (VT){0};                                                    \
        for (long r = 0; r < rows; r++) {                                                                       \
          const double *x = ua + r * TI;                                                                        \
          VT y[NV];                                                                                             \
          for (int k = 0; k < NV; k++) __builtin_memcpy(&y[k], vb + r * TJ + k * W, sizeof(VT));                \
          for (int ii = 0; ii < TI; ii++) {                                                                     \
            VT xs = (VT){0} + x[ii];                                                                            \
            for (int k = 0; k < NV; k++) acc[ii][k] += xs * y[k];                                               \
          }                                                                                                     \
        }                                                                                                       \
        for (long ii = 0; ii < ni; ii++)                                                                        \
          for (long jj = 0; jj < nj; jj++) g[(i0 + ii) * ldg + j0 + jj] += acc[ii][jj / W][jj % W];             \
      }                                                                                                         \
    }                                                                                                           \
  }


#if defined(__x86_64__)
DEFINE_KERNEL(gram_avx512, vd8, 8, 8, 2, __attribute__((target("avx512f"))))
DEFINE_KERNEL(gram_avx2, vd4, 4, 4, 2, __attribute__((target("avx2,fma"))))
#endif
DEFINE_KERNEL(gram_portable, vd2, 2, 4, 2, )

static void (*chosenGram)(long, long, long, const float *, long, const float *, long, double *, long, int);

void activis_gram_accumulate(long rows, long p, long q, const float *u, long ldu, const float *v, long ldv,
                             double *g, long ldg, int symmetric) {
  BEST_KERNEL(chosenGram, gram, 1)(rows, p, q, u, ldu, v, ldv, g, ldg, symmetric);
}
