// 2-D convolution forward, backward-data and backward-weights over oneDNN. User tensors are
// NHWC (or NCHW) activations and HWIO filters; each primitive lets oneDNN choose its preferred
// (blocked) layouts, and user memory is reordered into and out of them through the scratch arena.
// Primitives are cached per shape and per JS thread.
#include <algorithm>
#include <cstring>
#include <map>
#include <memory>

#include "common.h"

namespace qfcn {
namespace {

using dnnl::memory;
using tag = memory::format_tag;
using dt = memory::data_type;
using Key = std::vector<int32_t>;
constexpr size_t kMaxEntries = 512;

struct Geometry {
  memory::dims src, weights, bias, dst, strides, dilates, padL, padR;
  tag act;
};

Geometry geometry(const int32_t *p) {
  Geometry g;
  const memory::dim N = p[0], H = p[1], W = p[2], C = p[3], KH = p[4], KW = p[5], O = p[6];
  const memory::dim OH = p[7], OW = p[8];
  g.src = {N, C, H, W};
  g.weights = {O, C, KH, KW};
  g.bias = {O};
  g.dst = {N, O, OH, OW};
  g.strides = {p[9], p[10]};
  // oneDNN counts dilation from 0 (a dense kernel), tfjs from 1.
  g.dilates = {p[11] - 1, p[12] - 1};
  g.padL = {p[13], p[14]};
  // Bottom/right padding exactly as oneDNN derives the output size from it:
  // OH = (H + padTop + padBottom - ((KH - 1) * dilationH + 1)) / strideH + 1.
  const memory::dim effKH = (KH - 1) * p[11] + 1, effKW = (KW - 1) * p[12] + 1;
  g.padR = {(OH - 1) * p[9] + effKH - H - p[13], (OW - 1) * p[10] + effKW - W - p[14]};
  g.act = p[17] ? tag::nchw : tag::nhwc;
  return g;
}

memory::desc anyDesc(const memory::dims &d) { return memory::desc(d, dt::f32, tag::any); }

enum class Direction { Forward, BackwardData, BackwardWeights };

// Whether a primitive should work on the user's NHWC activations directly instead of oneDNN's
// blocked layout plus reorders. Measured with oneDNN 2.6 jit:avx2 (2 threads) on the FCN's and
// the benchmark's shapes:
// - 1x1 convolutions: jit_1x1 on nhwc takes about half the time of reorders + blocked;
// - forward and backward-data: in place when either side has at most 32 channels (up to 1.8x
//   faster: 16→16, 96→16, 3→64, 32→32 at 128²), blocked for wide layers (64→64, 128→128: up to
//   1.3x faster);
// - backward-weights: blocked (up to 1.6x faster), except on small maps (≤ 4096 output pixels),
//   where in place saves the reorders.
// A function of the shape only, so the arithmetic (and its rounding) is the same on every run.
bool preferUserLayout(const int32_t *p, Direction dir) {
  const int64_t C = p[3], KH = p[4], KW = p[5], O = p[6];
  const int64_t pixels = static_cast<int64_t>(p[0]) * p[7] * p[8];
  if (p[17] != 0) return false;  // NCHW input: blocked
  if (KH == 1 && KW == 1) return true;
  if (dir == Direction::BackwardWeights) return pixels <= 4096;
  return std::min(C, O) <= 32;
}

memory::desc actDesc(const memory::dims &d, bool user, tag t) { return user ? memory::desc(d, dt::f32, t) : anyDesc(d); }

bool isReference(const dnnl::primitive_desc_base &pd) {
  const std::string impl = pd.impl_info_str();
  return impl.rfind("ref", 0) == 0 || impl.find("gemm") != std::string::npos;
}
memory::desc userAct(const Geometry &g, const memory::dims &d) { return memory::desc(d, dt::f32, g.act); }
memory::desc userWeights(const Geometry &g) { return memory::desc(g.weights, dt::f32, tag::hwio); }

dnnl::convolution_forward::primitive_desc forwardPd(const Geometry &g, bool withBias,
                                                    const dnnl::primitive_attr &attr, bool user = false) {
  using F = dnnl::convolution_forward;
  const auto src = actDesc(g.src, user, g.act), dst = actDesc(g.dst, user, g.act);
  auto d = withBias ? F::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct,
                              src, anyDesc(g.weights), memory::desc(g.bias, dt::f32, tag::x),
                              dst, g.strides, g.dilates, g.padL, g.padR)
                    : F::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct,
                              src, anyDesc(g.weights), dst, g.strides, g.dilates, g.padL, g.padR);
  return F::primitive_desc(d, attr, engine());
}

// A memory over `user` data, or over scratch `slot` in the primitive's layout when they differ.
memory inner(const Reorder &r, const memory::desc &primDesc, const memory &user, int slot) {
  if (!r.needed) return user;
  return memory(primDesc, engine(), scratch(slot, primDesc.get_size() / sizeof(float)));
}

template <typename Entry>
Entry &lookup(std::map<Key, std::unique_ptr<Entry>> &cache, const Key &key,
              std::unique_ptr<Entry> (*make)(const int32_t *, float), const int32_t *p, float alpha) {
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  if (cache.size() >= kMaxEntries) cache.clear();
  auto entry = make(p, alpha);
  Entry &ref = *entry;
  cache.emplace(key, std::move(entry));
  return ref;
}

double convFlops(const int32_t *p) {
  return 2.0 * p[0] * p[7] * p[8] * p[6] * p[3] * p[4] * p[5];
}

Key keyOf(const int32_t *p, float alpha, int threads) {
  Key key(p, p + kConvParams);
  key.push_back(threads);
  int32_t bits;
  std::memcpy(&bits, &alpha, sizeof bits);
  key.push_back(bits);
  return key;
}

// ---- forward -------------------------------------------------------------------------------
struct Forward {
  dnnl::convolution_forward prim;
  memory::desc src, weights, dst, userSrc, userWeights, userDst, bias;
  Reorder toSrc, toWeights, fromDst;
  bool withBias;
};

std::unique_ptr<Forward> makeForward(const int32_t *p, float alpha) {
  const Geometry g = geometry(p);
  auto e = std::make_unique<Forward>();
  e->withBias = p[19] != 0;
  dnnl::primitive_attr attr;
  dnnl::post_ops ops;
  appendActivation(ops, p[18], alpha);
  attr.set_post_ops(ops);
  auto pd = forwardPd(g, e->withBias, attr, preferUserLayout(p, Direction::Forward));
  if (isReference(pd)) pd = forwardPd(g, e->withBias, attr, false);
  e->prim = dnnl::convolution_forward(pd);
  e->src = pd.src_desc();
  e->weights = pd.weights_desc();
  e->dst = pd.dst_desc();
  e->bias = memory::desc(g.bias, dt::f32, tag::x);
  e->userSrc = userAct(g, g.src);
  e->userWeights = userWeights(g);
  e->userDst = userAct(g, g.dst);
  e->toSrc.init(e->userSrc, e->src);
  e->toWeights.init(e->userWeights, e->weights);
  e->fromDst.init(e->dst, e->userDst);
  return e;
}

thread_local std::map<Key, std::unique_ptr<Forward>> forwardCache;

// ---- backward data ---------------------------------------------------------------------------
struct BackwardData {
  dnnl::convolution_backward_data prim;
  memory::desc diffDst, weights, diffSrc, userDiffDst, userWeights, userDiffSrc;
  Reorder toDiffDst, toWeights, fromDiffSrc;
};

std::unique_ptr<BackwardData> makeBackwardData(const int32_t *p, float) {
  const Geometry g = geometry(p);
  auto e = std::make_unique<BackwardData>();
  using B = dnnl::convolution_backward_data;
  auto make = [&](bool user) {
    auto hint = forwardPd(g, false, dnnl::primitive_attr(), user);
    B::desc d(dnnl::algorithm::convolution_direct, actDesc(g.src, user, g.act), anyDesc(g.weights),
              actDesc(g.dst, user, g.act), g.strides, g.dilates, g.padL, g.padR);
    return B::primitive_desc(d, engine(), hint);
  };
  auto pd = make(preferUserLayout(p, Direction::BackwardData));
  if (isReference(pd)) pd = make(false);
  e->prim = B(pd);
  e->diffDst = pd.diff_dst_desc();
  e->weights = pd.weights_desc();
  e->diffSrc = pd.diff_src_desc();
  e->userDiffDst = userAct(g, g.dst);
  e->userWeights = userWeights(g);
  e->userDiffSrc = userAct(g, g.src);
  e->toDiffDst.init(e->userDiffDst, e->diffDst);
  e->toWeights.init(e->userWeights, e->weights);
  e->fromDiffSrc.init(e->diffSrc, e->userDiffSrc);
  return e;
}

thread_local std::map<Key, std::unique_ptr<BackwardData>> backwardDataCache;

// ---- backward weights ------------------------------------------------------------------------
struct BackwardWeights {
  dnnl::convolution_backward_weights prim;
  memory::desc src, diffDst, diffWeights, userSrc, userDiffDst, userDiffWeights;
  Reorder toSrc, toDiffDst, fromDiffWeights;
};

std::unique_ptr<BackwardWeights> makeBackwardWeights(const int32_t *p, float) {
  const Geometry g = geometry(p);
  auto e = std::make_unique<BackwardWeights>();
  using B = dnnl::convolution_backward_weights;
  auto make = [&](bool user) {
    auto hint = forwardPd(g, false, dnnl::primitive_attr(), user);
    B::desc d(dnnl::algorithm::convolution_direct, actDesc(g.src, user, g.act), anyDesc(g.weights),
              actDesc(g.dst, user, g.act), g.strides, g.dilates, g.padL, g.padR);
    return B::primitive_desc(d, engine(), hint);
  };
  auto pd = make(preferUserLayout(p, Direction::BackwardWeights));
  if (isReference(pd)) pd = make(false);
  e->prim = B(pd);
  e->src = pd.src_desc();
  e->diffDst = pd.diff_dst_desc();
  e->diffWeights = pd.diff_weights_desc();
  e->userSrc = userAct(g, g.src);
  e->userDiffDst = userAct(g, g.dst);
  e->userDiffWeights = userWeights(g);
  e->toSrc.init(e->userSrc, e->src);
  e->toDiffDst.init(e->userDiffDst, e->diffDst);
  e->fromDiffWeights.init(e->diffWeights, e->userDiffWeights);
  return e;
}

thread_local std::map<Key, std::unique_ptr<BackwardWeights>> backwardWeightsCache;

void *mut(const float *p) { return const_cast<float *>(p); }

}  // namespace

void clearConvCache() {
  forwardCache.clear();
  backwardDataCache.clear();
  backwardWeightsCache.clear();
}

void conv2dForward(const int32_t *p, float alpha, const float *x, const float *w, const float *bias,
                   float *y) {
  const int threads = threadsFor(convFlops(p));
  ThreadScope scope(threads);
  const Forward &e = lookup(forwardCache, keyOf(p, alpha, threads), makeForward, p, alpha);
  auto &eng = engine();
  memory ux(e.userSrc, eng, mut(x)), uw(e.userWeights, eng, mut(w)), uy(e.userDst, eng, y);
  memory mx = inner(e.toSrc, e.src, ux, 0), mw = inner(e.toWeights, e.weights, uw, 1);
  memory my = inner(e.fromDst, e.dst, uy, 2);
  if (e.toSrc.needed) e.toSrc.run(ux, mx);
  if (e.toWeights.needed) e.toWeights.run(uw, mw);
  std::unordered_map<int, memory> args{{DNNL_ARG_SRC, mx}, {DNNL_ARG_WEIGHTS, mw}, {DNNL_ARG_DST, my}};
  if (e.withBias) args.emplace(DNNL_ARG_BIAS, memory(e.bias, eng, mut(bias)));
  e.prim.execute(stream(), args);
  if (e.fromDst.needed) e.fromDst.run(my, uy);
  stream().wait();
}

void conv2dBackwardData(const int32_t *p, const float *dy, const float *w, float *dx) {
  const int threads = threadsFor(convFlops(p));
  ThreadScope scope(threads);
  const BackwardData &e = lookup(backwardDataCache, keyOf(p, 0.f, threads), makeBackwardData, p, 0.f);
  auto &eng = engine();
  memory udy(e.userDiffDst, eng, mut(dy)), uw(e.userWeights, eng, mut(w)), udx(e.userDiffSrc, eng, dx);
  memory mdy = inner(e.toDiffDst, e.diffDst, udy, 0), mw = inner(e.toWeights, e.weights, uw, 1);
  memory mdx = inner(e.fromDiffSrc, e.diffSrc, udx, 2);
  if (e.toDiffDst.needed) e.toDiffDst.run(udy, mdy);
  if (e.toWeights.needed) e.toWeights.run(uw, mw);
  e.prim.execute(stream(), {{DNNL_ARG_DIFF_DST, mdy}, {DNNL_ARG_WEIGHTS, mw}, {DNNL_ARG_DIFF_SRC, mdx}});
  if (e.fromDiffSrc.needed) e.fromDiffSrc.run(mdx, udx);
  stream().wait();
}

void conv2dBackwardWeights(const int32_t *p, const float *x, const float *dy, float *dw) {
  const int threads = threadsFor(convFlops(p));
  ThreadScope scope(threads);
  const BackwardWeights &e = lookup(backwardWeightsCache, keyOf(p, 0.f, threads), makeBackwardWeights, p, 0.f);
  auto &eng = engine();
  memory ux(e.userSrc, eng, mut(x)), udy(e.userDiffDst, eng, mut(dy)), udw(e.userDiffWeights, eng, dw);
  memory mx = inner(e.toSrc, e.src, ux, 0), mdy = inner(e.toDiffDst, e.diffDst, udy, 1);
  memory mdw = inner(e.fromDiffWeights, e.diffWeights, udw, 2);
  if (e.toSrc.needed) e.toSrc.run(ux, mx);
  if (e.toDiffDst.needed) e.toDiffDst.run(udy, mdy);
  e.prim.execute(stream(), {{DNNL_ARG_SRC, mx}, {DNNL_ARG_DIFF_DST, mdy}, {DNNL_ARG_DIFF_WEIGHTS, mdw}});
  if (e.fromDiffWeights.needed) e.fromDiffWeights.run(mdw, udw);
  stream().wait();
}

}  // namespace qfcn
