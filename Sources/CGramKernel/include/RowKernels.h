#ifndef ACTIVIS_ROW_KERNELS_H
#define ACTIVIS_ROW_KERNELS_H

/// Sum over j < n of (x[j] - t[j])^2, in double precision.
double activis_squared_distance(const float *x, const double *t, long n);

/// Sum over j < n of x[j] * t[j] into *dot, and of x[j]^2 into *norm, in
/// double precision.
void activis_dot_and_norm(const float *x, const double *t, long n, double *dot, double *norm);

/// out[i * bCount + k] = sum over j < n of (a[i * n + j] - b[k * n + j])^2, in
/// single precision, for every row i of A (aCount rows of n values, one after
/// another) and k of B.
void activis_squared_distances_f32(const float *a, long aCount, const float *b, long bCount, long n, float *out);

/// Sum over j < n of (x[j] - t[j])^2 in single precision, in W lanes (4 <= W
/// <= 16) of one or two running sums, then the lanes and the last values: a
/// term takes part in at most n / 4 + 48 roundings of a sum of non-negative
/// terms, so the result is within (n / 4 + 50) * 2^-24 of the exact sum
/// relative to it, plus n * 2^-126 for terms in the subnormal range.
float activis_squared_distance_f32(const float *x, const float *t, long n);

/// Sum over j < n of x[j] * t[j] into *dot, and of x[j]^2 into *norm, in
/// single precision, with the roundings of `activis_squared_distance_f32`.
void activis_dot_and_norm_f32(const float *x, const float *t, long n, float *dot, float *norm);

/// Copies, for each i < rowCount, the float32 values of `neurons` of row
/// `rows[i]` (row r at `base + r * rowBytes`) to `out[k * stride + i]`,
/// fetching the values of the row sixteen rows ahead into the cache meanwhile:
/// the rows of a group lie far apart, and each value of a row on its own line.
void activis_gather_neurons(const char *base, long rowBytes, const long *rows, long rowCount, const long *neurons,
                            long neuronCount, float *out, long stride);

#endif
