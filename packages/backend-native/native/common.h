// Shared declarations of the qfcn-native addon: the oneDNN engine/stream of the calling thread,
// a scratch arena for reordered (blocked) copies, and the kernels the N-API glue exposes.
#pragma once
#include <oneapi/dnnl/dnnl.hpp>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace qfcn {

// Activation codes shared with the TypeScript side (src/activation-code.ts).
enum Activation : int { kLinear = 0, kRelu = 1, kRelu6 = 2, kElu = 3, kSigmoid = 4, kLeakyRelu = 5 };

// The cpu engine (one per process) and the stream of the calling thread (one per JS thread).
dnnl::engine &engine();
dnnl::stream &stream();

// Per-thread scratch buffers for reordered copies; slot 0..3, each grown to the largest request.
float *scratch(int slot, size_t floats);

// Clears every primitive cache of the calling thread (after a change of thread count).
void clearCaches();
void clearConvCache();
void clearMatMulCache();

// Runs `reorder` from one user/internal memory to another when their layouts differ.
struct Reorder {
  bool needed = false;
  dnnl::reorder prim;
  void init(const dnnl::memory::desc &from, const dnnl::memory::desc &to);
  void run(const dnnl::memory &from, const dnnl::memory &to) const;
};

// Appends the eltwise post-op of an activation code to `ops` (no-op for linear).
void appendActivation(dnnl::post_ops &ops, int activation, float alpha);

// Conv params (NHWC or NCHW activations, HWIO filters), all int32:
//  0 N, 1 H, 2 W, 3 C, 4 KH, 5 KW, 6 O, 7 OH, 8 OW, 9 strideH, 10 strideW, 11 dilationH,
//  12 dilationW, 13 padTop, 14 padLeft, 15 padBottom, 16 padRight, 17 nchw, 18 activation, 19 hasBias
constexpr int kConvParams = 20;
void conv2dForward(const int32_t *p, float alpha, const float *x, const float *w, const float *bias,
                   float *y);
void conv2dBackwardData(const int32_t *p, const float *dy, const float *w, float *dx);
void conv2dBackwardWeights(const int32_t *p, const float *x, const float *dy, float *dw);

// Matmul params: 0 batchA, 1 batchB, 2 M, 3 K, 4 N, 5 transposeA, 6 transposeB, 7 activation,
// 8 hasBias (bias of length N, broadcast over rows and batches)
constexpr int kMatMulParams = 9;
void matmul(const int32_t *p, float alpha, const float *a, const float *b, const float *bias, float *c);

// Pool params (NHWC): 0 N, 1 H, 2 W, 3 C, 4 KH, 5 KW, 6 OH, 7 OW, 8 strideH, 9 strideW,
// 10 padTop, 11 padLeft
constexpr int kPoolParams = 12;
void maxPoolForward(const int32_t *p, const float *x, float *y);
void maxPoolBackward(const int32_t *p, const float *x, const float *dy, float *dx);

}  // namespace qfcn
