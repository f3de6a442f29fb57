#ifndef ACTIVIS_SHIMS_H
#define ACTIVIS_SHIMS_H

#include <stddef.h>

/// Asks the processor to start loading `count` bytes at `address` into its
/// caches, ahead of use. Rows of a mapped layer start a new 4 KiB page each,
/// where the hardware prefetcher stops, so the statistics kernel prefetches
/// the next row while it works on the current one.
static inline void activis_prefetch(const void *address, size_t count) {
  const char *byte = (const char *)address;
  for (size_t offset = 0; offset < count; offset += 64) {
    __builtin_prefetch(byte + offset, 0, 0);
  }
}

#endif
