#include "GramKernel.h"

// A tile of TI x TJ cells of G is kept in registers while the rows stream
// past; each cell gets one multiply-add per row. The function is compiled for
// AVX-512, AVX2 with FMA and plain x86-64, and the loader picks the best the
// processor has (target_clones), so one binary runs everywhere.
#define TI 4
#define TJ 8

static inline void edge_tile(long rows, long i0, long ni, long j0, long nj, const float *u, long ldu,
                             const float *v, long ldv, double *g, long ldg) {
  for (long ii = 0; ii < ni; ii++) {
    for (long jj = 0; jj < nj; jj++) {
      double sum = 0;
      for (long r = 0; r < rows; r++) sum += (double)u[r * ldu + i0 + ii] * (double)v[r * ldv + j0 + jj];
      g[(i0 + ii) * ldg + j0 + jj] += sum;
    }
  }
}

#if defined(__x86_64__)
__attribute__((target_clones("avx512f", "arch=haswell", "default")))
#endif
void activis_gram_accumulate(long rows, long p, long q, const float *u, long ldu, const float *v, long ldv,
                             double *g, long ldg, int symmetric) {
  for (long i0 = 0; i0 < p; i0 += TI) {
    long ni = p - i0 < TI ? p - i0 : TI;
    long first = symmetric ? (i0 / TJ) * TJ : 0;
    for (long j0 = first; j0 < q; j0 += TJ) {
      long nj = q - j0 < TJ ? q - j0 : TJ;
      if (ni < TI || nj < TJ) {
        edge_tile(rows, i0, ni, j0, nj, u, ldu, v, ldv, g, ldg);
        continue;
      }
      double acc[TI][TJ] = {{0}};
      for (long r = 0; r < rows; r++) {
        const float *ur = u + r * ldu + i0;
        const float *vr = v + r * ldv + j0;
        double vd[TJ];
        for (int jj = 0; jj < TJ; jj++) vd[jj] = (double)vr[jj];
        for (int ii = 0; ii < TI; ii++) {
          double a = (double)ur[ii];
          for (int jj = 0; jj < TJ; jj++) acc[ii][jj] += a * vd[jj];
        }
      }
      for (int ii = 0; ii < TI; ii++)
        for (int jj = 0; jj < TJ; jj++) g[(i0 + ii) * ldg + j0 + jj] += acc[ii][jj];
    }
  }
}
