// A warm training step at a fixed batch size allocates nothing (STYLE rule 5). Natively we count
// every malloc by interposing glibc's malloc; Eigen's and operator new's allocations both go
// through it. (Not available under emscripten or sanitizers, which own malloc themselves.)
#include <catch2/catch.hpp>

#include "core/session.hpp"

#if defined(__GLIBC__) && !defined(__EMSCRIPTEN__) && !defined(__SANITIZE_ADDRESS__)
#define NNPLAY_COUNT_MALLOC 1
#include <atomic>
#include <cstddef>
namespace {
std::atomic<long> g_mallocs{0};
std::atomic<bool> g_counting{false};
}  // namespace
extern "C" void* __libc_malloc(std::size_t);
extern "C" void* malloc(std::size_t n) {
  if (g_counting.load(std::memory_order_relaxed)) g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(n);
}
#endif

using namespace nn;

TEST_CASE("no allocation in a warm training step", "[session][alloc]") {
#ifdef NNPLAY_COUNT_MALLOC
  for (OptimizerKind o : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                          OptimizerKind::AdaGrad, OptimizerKind::RmsProp, OptimizerKind::Adam}) {
    for (double keep : {1.0, 0.8}) {
      Config c;
      c.optimizer.kind = o;
      c.dropout_keep = keep;
      c.regularization = {Regularization::L1, 0.001};
      c.network.hidden = {8, 8, 8};
      c.features = {Feature::X1, Feature::X2, Feature::X1Sq, Feature::SinX1};
      Session s(c);
      s.set_record_every(1 << 30);  // history recording is not part of the step
      s.step(3);                      // warm up: caches sized
      // Sanity check that the counter works at all.
      g_counting = true;
      void* p = std::malloc(16);
      g_counting = false;
      std::free(p);
      REQUIRE(g_mallocs.exchange(0) == 1);
      g_counting = true;
      s.step(100);
      g_counting = false;
      INFO(name(o) << " keep " << keep);
      CHECK(g_mallocs.exchange(0) == 0);
    }
  }
#else
  WARN("malloc counting needs glibc without sanitizers; skipped on this platform");
#endif
}
