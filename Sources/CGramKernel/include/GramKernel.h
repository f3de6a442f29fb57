#ifndef ACTIVIS_GRAM_KERNEL_H
#define ACTIVIS_GRAM_KERNEL_H

/// G[i][j] += sum over r < rows of u[r][i] * v[r][j], in double precision.
///
/// u is rows x p (row stride ldu floats), v is rows x q (row stride ldv),
/// g is p x q (row stride ldg doubles). When symmetric is non-zero, u and v
/// are the same matrix and only the cells with j >= i are guaranteed to be
/// updated (the caller mirrors them once at the end).
void activis_gram_accumulate(long rows, long p, long q, const float *u, long ldu, const float *v, long ldv,
                             double *g, long ldg, int symmetric);

#endif
