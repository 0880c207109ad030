// Batched matrix product over oneDNN's matmul primitive. Transposed operands are described by
// strides, so no copy is made; a batch of 1 on either side broadcasts. Optional bias (length N)
// and an activation are fused as oneDNN bias and eltwise post-op.
#include <cstring>
#include <map>
#include <memory>

#include "common.h"

namespace qfcn {
namespace {

using dnnl::memory;
using dt = memory::data_type;
using Key = std::vector<int32_t>;
constexpr size_t kMaxEntries = 512;

struct Entry {
  dnnl::matmul prim;
  memory::desc a, b, c, bias;
  bool withBias;
};

std::unique_ptr<Entry> make(const int32_t *p, float alpha) {
  const memory::dim bA = p[0], bB = p[1], M = p[2], K = p[3], N = p[4];
  const bool tA = p[5] != 0, tB = p[6] != 0;
  auto e = std::make_unique<Entry>();
  e->withBias = p[8] != 0;
  // Row-major A is [bA, M, K]; transposed, it is stored as [bA, K, M].
  e->a = memory::desc({bA, M, K}, dt::f32, tA ? memory::dims{M * K, 1, M} : memory::dims{M * K, K, 1});
  e->b = memory::desc({bB, K, N}, dt::f32, tB ? memory::dims{K * N, 1, K} : memory::dims{K * N, N, 1});
  e->c = memory::desc({std::max(bA, bB), M, N}, dt::f32, memory::format_tag::abc);
  e->bias = memory::desc({1, 1, N}, dt::f32, memory::format_tag::abc);
  dnnl::primitive_attr attr;
  dnnl::post_ops ops;
  appendActivation(ops, p[7], alpha);
  attr.set_post_ops(ops);
  auto d = e->withBias ? dnnl::matmul::desc(e->a, e->b, e->bias, e->c) : dnnl::matmul::desc(e->a, e->b, e->c);
  e->prim = dnnl::matmul(dnnl::matmul::primitive_desc(d, attr, engine()));
  return e;
}

thread_local std::map<Key, std::unique_ptr<Entry>> cache;

}  // namespace

void clearMatMulCache() { cache.clear(); }

void matmul(const int32_t *p, float alpha, const float *a, const float *b, const float *bias, float *c) {
  const int threads = threadsFor(2.0 * std::max(p[0], p[1]) * p[2] * p[3] * p[4]);
  ThreadScope scope(threads);
  Key key(p, p + kMatMulParams);
  key.push_back(threads);
  int32_t bits;
  std::memcpy(&bits, &alpha, sizeof bits);
  key.push_back(bits);
  auto it = cache.find(key);
  if (it == cache.end()) {
    if (cache.size() >= kMaxEntries) cache.clear();
    it = cache.emplace(key, make(p, alpha)).first;
  }
  const Entry &e = *it->second;
  auto &eng = engine();
  std::unordered_map<int, memory> args{{DNNL_ARG_SRC, memory(e.a, eng, const_cast<float *>(a))},
                                       {DNNL_ARG_WEIGHTS, memory(e.b, eng, const_cast<float *>(b))},
                                       {DNNL_ARG_DST, memory(e.c, eng, c)}};
  if (e.withBias) args.emplace(DNNL_ARG_BIAS, memory(e.bias, eng, const_cast<float *>(bias)));
  e.prim.execute(stream(), args);
  stream().wait();
}

}  // namespace qfcn
