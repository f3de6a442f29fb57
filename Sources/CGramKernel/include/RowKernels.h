#ifndef ACTIVIS_ROW_KERNELS_H
#define ACTIVIS_ROW_KERNELS_H

/// Sum over j < n of (x[j] - t[j])^2, in double precision.
double activis_squared_distance(const float *x, const double *t, long n);

/// Sum over j < n of x[j] * t[j] into *dot, and of x[j]^2 into *norm, in
/// double precision.
void activis_dot_and_norm(const float *x, const double *t, long n, double *dot, double *norm);

#endif
