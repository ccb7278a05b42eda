#ifndef TLSKIT_ALLOCATION_COUNTER_H
#define TLSKIT_ALLOCATION_COUNTER_H

#include <stdint.h>

/// The number of heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc,
/// memalign) the process has made since it started. Linking this target into an executable
/// replaces glibc's allocator entry points with counting wrappers around glibc's own.
uint64_t allocation_count(void);

#endif
