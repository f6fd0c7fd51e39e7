// Heap policy for a process that holds a sandbox: call once at start, before other threads exist.
// A table stores items as encoded blocks and decodes the ones a read returns, so a 1 MB Scan page
// allocates and frees thousands of small nodes. glibc keeps freed small chunks in "fast bins" and
// merges all of them whenever a larger block is asked for, which made such a page 3-5x slower on a
// heap holding a million items (bench/RESULTS.md, "Compact items"); without fast bins the freed
// chunks are merged as they come. glibc only; elsewhere (Emscripten's allocator) it does nothing.
#pragma once

namespace ddb {

void ConfigureHeap();

}  // namespace ddb
