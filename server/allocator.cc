// Allocator policy (allocator.h), on glibc's malloc tunables. The figures behind the choices are in
// tests/endpoint/test_hardening.py (test_memory_is_returned_after_load).
#include "allocator.h"

#include "ddb/heap.h"

#include <cstdlib>  // first: defines __GLIBC__ on glibc, which the test below needs

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace ddb::server {

void ConfigureAllocator() {
  ConfigureHeap();  // the engine's policy for decoded items (ddb/heap.h)
#ifdef __GLIBC__
  // glibc raises its mmap threshold (up to 32 MB) each time a mmapped block is freed, so after one
  // large request every later 16 MB body or 1 MB Scan page lands in the heap and stays there. A
  // fixed threshold keeps blocks of 256 KB and more in mmap: freeing one returns it at once.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  // Free memory at the top of the heap above 1 MB goes back at free() time (glibc's default, which
  // a fixed mmap threshold would otherwise leave at its dynamic value).
  mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
  // The event loop does all the allocating; other threads (signal wait, state save) need no arena
  // of their own.
  mallopt(M_ARENA_MAX, 2);
#endif
}

void ReturnFreeMemory() {
#ifdef __GLIBC__
  malloc_trim(0);  // also releases free pages inside the heap, not only at its top
#endif
}

}  // namespace ddb::server
