// Heap policy (ddb/heap.h), on glibc's malloc tunables.
#include "ddb/heap.h"

#include <cstdlib>  // first: defines __GLIBC__ on glibc, which the test below needs

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace ddb {

void ConfigureHeap() {
#ifdef __GLIBC__
  mallopt(M_MXFAST, 0);  // no fast bins: see heap.h
#endif
}

}  // namespace ddb
