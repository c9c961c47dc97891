// Allocation policy of the etldag executable: blocks of 2 MiB and more are
// advised to use transparent huge pages before anything touches them.
//
// Why: a load builds tens of MB of fresh arrays (edge lists, the name index,
// the CSR), and on VMs with shadowed page tables every first touch of a 4 KiB
// page is a costly fault (measured ~9-19 us a page on the project's VM, i.e.
// 11,000 faults ~ 100+ ms of a 100,000-op load); one 2 MiB page costs about
// as much as 15 small ones. Where THP is off ("never"), madvise fails and
// nothing changes.
//
// How: the global operator new/delete are replaced by malloc/free (what
// libstdc++ does) plus one madvise(MADV_HUGEPAGE) over the 2 MiB-aligned
// interior of big blocks. glibc serves such blocks from fresh mmaps or the top
// of the heap, untouched until used. Only this executable does it: the engine
// libraries allocate normally in tests and benchmarks. Sanitizer builds keep
// the sanitizer's own operator new (it checks new/delete pairing).
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ETLDAG_KEEP_OPERATOR_NEW 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define ETLDAG_KEEP_OPERATOR_NEW 1
#endif

#ifndef ETLDAG_KEEP_OPERATOR_NEW
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

void AdviseHuge(void* p, std::size_t n) {
  const auto begin = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t first = (begin + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t last = (begin + n) & ~(kHugePage - 1);
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);  // advisory
}

void* Allocate(std::size_t n) noexcept {
  void* p = std::malloc(n == 0 ? 1 : n);
  if (p != nullptr && n >= kHugePage) AdviseHuge(p, n);
  return p;
}

void* AllocateOrThrow(std::size_t n) {
  while (true) {
    if (void* p = Allocate(n)) return p;
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

}  // namespace

void* operator new(std::size_t n) { return AllocateOrThrow(n); }
void* operator new[](std::size_t n) { return AllocateOrThrow(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return Allocate(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return Allocate(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

#endif  // ETLDAG_KEEP_OPERATOR_NEW
