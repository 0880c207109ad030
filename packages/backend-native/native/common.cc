#include "common.h"

#include <omp.h>

#include <cstdlib>
#include <memory>

namespace qfcn {

dnnl::engine &engine() {
  static dnnl::engine eng(dnnl::engine::kind::cpu, 0);
  return eng;
}

dnnl::stream &stream() {
  thread_local dnnl::stream s(engine());
  return s;
}

namespace {
struct FreeDeleter {
  void operator()(float *p) const { std::free(p); }
};
struct Arena {
  std::unique_ptr<float, FreeDeleter> buf[4];
  size_t size[4] = {0, 0, 0, 0};
};
thread_local Arena arena;
}  // namespace

float *scratch(int slot, size_t floats) {
  if (floats > arena.size[slot]) {
    // 64-byte alignment for the jit kernels; round the byte size up to a multiple of 64.
    size_t bytes = ((floats * sizeof(float) + 63) / 64) * 64;
    float *p = static_cast<float *>(std::aligned_alloc(64, bytes));
    if (p == nullptr) throw std::runtime_error("qfcn-native: out of memory for a scratch buffer");
    arena.buf[slot].reset(p);
    arena.size[slot] = floats;
  }
  return arena.buf[slot].get();
}

namespace {
thread_local int configured = 0;
// Below ~4 MFLOP (well under a millisecond on one core) a second thread does not pay for itself.
constexpr double kParallelFlops = 4e6;
}  // namespace

int configuredThreads() { return configured > 0 ? configured : omp_get_max_threads(); }
void setConfiguredThreads(int n) {
  configured = n;
  omp_set_num_threads(n);
}

ThreadScope::ThreadScope(int threads) : n(threads) {
  if (n != configuredThreads()) omp_set_num_threads(n);
}
ThreadScope::~ThreadScope() {
  if (n != configuredThreads()) omp_set_num_threads(configuredThreads());
}

int threadsFor(double flops) { return flops < kParallelFlops ? 1 : configuredThreads(); }

void clearCaches() {
  clearConvCache();
  clearMatMulCache();
}

void appendActivation(dnnl::post_ops &ops, int activation, float alpha) {
  using A = dnnl::algorithm;
  switch (activation) {
    case kLinear: return;
    case kRelu: ops.append_eltwise(1.f, A::eltwise_relu, 0.f, 0.f); return;
    case kRelu6: ops.append_eltwise(1.f, A::eltwise_clip, 0.f, 6.f); return;
    case kElu: ops.append_eltwise(1.f, A::eltwise_elu, 1.f, 0.f); return;
    case kSigmoid: ops.append_eltwise(1.f, A::eltwise_logistic, 0.f, 0.f); return;
    case kLeakyRelu: ops.append_eltwise(1.f, A::eltwise_relu, alpha, 0.f); return;
    default: throw std::invalid_argument("qfcn-native: unknown activation code " + std::to_string(activation));
  }
}

void Reorder::init(const dnnl::memory::desc &from, const dnnl::memory::desc &to) {
  needed = from != to;
  if (needed) prim = dnnl::reorder(dnnl::reorder::primitive_desc(engine(), from, engine(), to));
}

void Reorder::run(const dnnl::memory &from, const dnnl::memory &to) const {
  prim.execute(stream(), {{DNNL_ARG_FROM, from},
                          {DNNL_ARG_TO, to}});
}

}  // namespace qfcn
