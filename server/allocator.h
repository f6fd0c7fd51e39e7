// Allocator policy of the server process: after a load peak (a burst of large or malformed
// requests, a bulk write then delete) the freed memory goes back to the system instead of staying
// in the C library's free lists. glibc only; elsewhere both calls do nothing.
#pragma once

namespace ddb::server {

// Once at start, before other threads exist: large blocks come straight from mmap (so freeing them
// unmaps them) and the heap top is returned sooner.
void ConfigureAllocator();

// Returns free heap pages to the system (glibc malloc_trim). Costs about a millisecond per hundred
// MB of heap: call it when idle, not per request.
void ReturnFreeMemory();

}  // namespace ddb::server
