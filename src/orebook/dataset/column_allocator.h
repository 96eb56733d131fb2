#pragma once
// Storage for the columns of large tables. Blocks of 1 MiB or more come from
// mmap with MAP_POPULATE, so the kernel maps all their pages in one call
// instead of taking one page fault per 4 KiB page as the rows are written
// (docs/performance.md: a third of the system time on ten million rows).

#include <cstddef>
#include <memory>
#include <new>
#include <vector>

#include <sys/mman.h>

namespace orebook::dataset {

template <class T>
struct ColumnAllocator {
  using value_type = T;
  static constexpr std::size_t kMapBytes = std::size_t{1} << 20;

  ColumnAllocator() = default;
  template <class U>
  ColumnAllocator(const ColumnAllocator<U>&) noexcept {}  // NOLINT: rebinding

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kMapBytes) return std::allocator<T>{}.allocate(n);
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kMapBytes) {
      std::allocator<T>{}.deallocate(p, n);
    } else {
      munmap(p, bytes);
    }
  }
  template <class U>
  bool operator==(const ColumnAllocator<U>&) const noexcept {
    return true;
  }
};

template <class T>
using Column = std::vector<T, ColumnAllocator<T>>;

}  // namespace orebook::dataset
