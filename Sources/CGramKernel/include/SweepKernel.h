#ifndef ACTIVIS_SWEEP_KERNEL_H
#define ACTIVIS_SWEEP_KERNEL_H

/// Adds eight rows to one slot of a statistics pass, for each of `columns`
/// neurons j: with d_r = rows[r][j] - t[j],
///   s[j] += ((d0 + d1) + (d2 + d3)) + ((d4 + d5) + (d6 + d7)),
///   q[j] += ((d0*d0 + d1*d1) + (d2*d2 + d3*d3)) + ((d4*d4 + d5*d5) + (d6*d6 + d7*d7)),
///   low[j] and high[j] the least and greatest of the eight values and themselves,
/// in that association, in float, with no fused multiply-add, and with
/// least(a, b) = a < b ? a : b (most likewise; with a NaN either may come
/// out, and the pass recounts a neuron with a NaN exactly): exactly what the
/// same expressions give evaluated one neuron at a time (a NaN's sign and
/// payload aside, which depend on the operand order a compiler picks).
void activis_sweep8(const float *const rows[8], const float *t, float *s, float *q, float *low, float *high,
                    long columns);

/// Adds one row's values centred on a mean to running sums in double
/// precision, for each of `columns` neurons j: with v = (double)(x[j] - mean[j])
/// (the difference in float), sums[j] += v and squares[j] += v * v, with no
/// fused multiply-add: exactly what the same expressions give one neuron at
/// a time. `next`, when not NULL, is a row to be added next: its values are
/// fetched into the cache meanwhile.
void activis_add_centred(const float *x, const float *mean, const float *next, double *sums, double *squares,
                         long columns);

#endif
