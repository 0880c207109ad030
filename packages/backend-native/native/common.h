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

// The OpenMP team size setThreads chose for the calling JS thread.
int configuredThreads();
void setConfiguredThreads(int n);

// Runs a scope with `n` OpenMP threads (primitives are created and executed inside it), restoring
// the configured count after. Small primitives use 1 thread: on shared cores, waking a second
// thread for a few microseconds of work can cost milliseconds.
struct ThreadScope {
  explicit ThreadScope(int n);
  ~ThreadScope();
  int n;
};
// Threads for a primitive of `flops` floating-point operations.
int threadsFor(double flops);

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

// Element-wise and data movement (native/elementwise.cc), float32. Shapes are validated by the glue.
// binary op: 0 add, 1 sub, 2 mul, 3 div, 4 max, 5 min, 6 squared difference, 7 relu gradient
// (a = dy, b = x), 8 square gradient (a = dy, b = x); a/b shapes have the output's rank with 1 where
// they broadcast.
void binary(int op, int rank, const int32_t *outShape, const int32_t *aShape, const int32_t *bShape, const float *a,
            const float *b, float *o);
// unary op: 0 relu, 1 step(alpha), 2 square, 3 sqrt, 4 rsqrt, 5 neg, 6 sigmoid, 7 exp, 8 log, 9 abs
void unary(int op, float alpha, const float *x, float *y, int64_t n);
// reduce op: 0 sum, 1 mean; x is [outer, r, inner], y is [outer, inner]
void reduce(int op, int64_t outer, int64_t r, int64_t inner, const float *x, float *y);
// Per-channel Σ dy and Σ dy·(x − mean) of [rows, c] maps (the batch-norm gradient's reductions).
void batchNormGradStats(int64_t rows, int64_t c, const float *x, const float *dy, const float *mean, float *sumDy,
                        float *sumDyXc);
// Copies src [rows, cols] into columns [colOffset, colOffset + cols) of dst [rows, outCols].
void concatRows(int64_t rows, int64_t outCols, int64_t colOffset, int64_t cols, const float *src, float *dst);
void slice(int rank, const int32_t *srcShape, const int32_t *begin, const int32_t *size, const float *src, float *dst);
void tile(int rank, const int32_t *inShape, const int32_t *outShape, const float *src, float *dst);
// Training-mode batch norm of an [rows, c] map: mean and biased variance per channel (sums in
// double), y = x·γ/√(σ²+ε) + (β − μ·γ/√(σ²+ε)).
void batchNormTraining(int64_t rows, int64_t c, const float *x, const float *gamma, const float *beta, double eps,
                       float *y, float *mean, float *variance);
// Its gradient for dy on y and dMean / dVariance on the statistics: dx, dγ = Σ dy·x̂, dβ = Σ dy.
void batchNormTrainingGrad(int64_t rows, int64_t c, const float *dy, const float *x, const float *gamma,
                           const float *mean, const float *variance, const float *dMean, const float *dVariance,
                           double eps, float *dx, float *dGamma, float *dBeta);
void batchNorm(const float *x, int64_t n, const float *mean, int64_t nm, const float *var, int64_t nv,
               const float *offset, int64_t no, const float *scale, int64_t ns, double eps, float *y);

}  // namespace qfcn
