#ifndef ACTIVIS_VECTORS_H
#define ACTIVIS_VECTORS_H

#include <stdlib.h>
#include <string.h>

// Vector types of the kernels (clang's vector extension), named by element
// type and lane count, and the processor features that pick a kernel.

typedef double vd8 __attribute__((vector_size(64)));
typedef double vd4 __attribute__((vector_size(32)));
typedef double vd2 __attribute__((vector_size(16)));
typedef float vf16 __attribute__((vector_size(64)));
typedef float vf8 __attribute__((vector_size(32)));
typedef float vf4 __attribute__((vector_size(16)));
typedef float vf2 __attribute__((vector_size(8)));
typedef int vi16 __attribute__((vector_size(64)));
typedef int vi8 __attribute__((vector_size(32)));
typedef int vi4 __attribute__((vector_size(16)));

/// The widest vectors the processor runs: 512 (AVX-512F), 256 (AVX2, with
/// FMA when `needsFMA`), or 128 bits (plain x86-64 and other processors).
/// ACTIVIS_KERNELS=portable in the environment picks the plain-C kernels
/// anywhere, so that tests cover them on any machine.
static inline int vectorBits(int needsFMA) {
  const char *forced = getenv("ACTIVIS_KERNELS");
  if (forced && strcmp(forced, "portable") == 0) return 128;
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx512f")) return 512;
  if (__builtin_cpu_supports("avx2") && (!needsFMA || __builtin_cpu_supports("fma"))) return 256;
#endif
  (void)needsFMA;
  return 128;
}

/// The best of the kernels NAME_avx512, NAME_avx2 and NAME_portable for this
/// processor (see `vectorBits`), picked on the first use and kept in the
/// static function pointer `slot` (racing threads pick the same one).
#if defined(__x86_64__)
#define BEST_KERNEL(slot, NAME, needsFMA)                                                            \
  ({                                                                                                 \
    __typeof__(slot) kernel_ = __atomic_load_n(&(slot), __ATOMIC_ACQUIRE);                           \
    if (!kernel_) {                                                                                  \
      int bits_ = vectorBits(needsFMA);                                                              \
      kernel_ = bits_ == 512 ? NAME##_avx512 : bits_ == 256 ? NAME##_avx2 : NAME##_portable;         \
      __atomic_store_n(&(slot), kernel_, __ATOMIC_RELEASE);                                          \
    }                                                                                                \
    kernel_;                                                                                         \
  })
#else
#define BEST_KERNEL(slot, NAME, needsFMA) NAME##_portable
#endif

#endif
