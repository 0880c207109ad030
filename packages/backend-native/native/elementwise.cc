// Element-wise, broadcasting, reduction and data-movement kernels on float32, OpenMP-parallel
// above a size threshold. Each mirrors the tfjs cpu kernel's arithmetic: +, -, *, / in float
// (identical to JS's double-then-round for these operations), everything else in double and
// rounded once, so results match the cpu backend to the last bit or within one ulp.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "common.h"

namespace qfcn {
namespace {

constexpr int64_t kParallelMin = 1 << 17;  // elements; below this one thread is faster
constexpr int kMaxRank = 8;

// Selects written as a chain of simple blends: GCC vectorizes these, not nested NaN ternaries
// (measured 3x faster).
inline float jsMax(float a, float b) {
  float m = a > b ? a : b;
  m = a != a ? a : m;
  return b != b ? b : m;
}
inline float jsMin(float a, float b) {
  float m = a < b ? a : b;
  m = a != a ? a : m;
  return b != b ? b : m;
}

struct Add { float operator()(float a, float b) const { return a + b; } };
struct Sub { float operator()(float a, float b) const { return a - b; } };
struct Mul { float operator()(float a, float b) const { return a * b; } };
struct Div { float operator()(float a, float b) const { return a / b; } };
struct Max { float operator()(float a, float b) const { return jsMax(a, b); } };
struct Min { float operator()(float a, float b) const { return jsMin(a, b); } };
// dy * step(x): the ReLU gradient in one pass (step is 1 above 0, 0 below, NaN for NaN).
struct ReluGrad {
  float operator()(float dy, float x) const {
    float s = x > 0.f ? 1.f : 0.f;
    s = x != x ? x : s;
    return dy * s;
  }
};
// dy * (2x): the Square gradient in one pass (2x is exact in float).
struct SquareGrad {
  float operator()(float dy, float x) const { return dy * (x * 2.f); }
};
struct SqDiff {
  float operator()(float a, float b) const {
    const double d = static_cast<double>(a) - static_cast<double>(b);
    return static_cast<float>(d * d);
  }
};

template <typename Op, int SA, int SB>
void row(const float *a, const float *b, float *o, int64_t n) {
  Op op;
#pragma omp simd
  for (int64_t i = 0; i < n; ++i) o[i] = op(a[i * SA], b[i * SB]);
}

template <typename Op>
void rows(int rank, const int64_t *out, const int64_t *sa, const int64_t *sb, const float *a, const float *b, float *o) {
  const int64_t n = out[rank - 1];
  int64_t nrows = 1;
  for (int d = 0; d < rank - 1; ++d) nrows *= out[d];
  const int64_t ia = sa[rank - 1], ib = sb[rank - 1];
  auto inner = ia == 1 ? (ib == 1 ? row<Op, 1, 1> : row<Op, 1, 0>) : (ib == 1 ? row<Op, 0, 1> : row<Op, 0, 0>);
  // Work items are (row, block of the row): long rows (same-shape operands collapse to ONE row)
  // are cut into blocks so that every thread gets a share.
  const int64_t block = nrows >= 64 ? n : std::max<int64_t>(4096, (n + 63) / 64);
  const int64_t blocks = (n + block - 1) / block;
#pragma omp parallel for schedule(static) if (nrows * n >= kParallelMin)
  for (int64_t item = 0; item < nrows * blocks; ++item) {
    const int64_t r = item / blocks, j0 = (item % blocks) * block, len = std::min(block, n - j0);
    int64_t rem = r, offA = 0, offB = 0;
    for (int d = rank - 2; d >= 0; --d) {
      const int64_t idx = rem % out[d];
      rem /= out[d];
      offA += idx * sa[d];
      offB += idx * sb[d];
    }
    inner(a + offA + j0 * ia, b + offB + j0 * ib, o + r * n + j0, len);
  }
}

}  // namespace

void binary(int op, int rank, const int32_t *outShape, const int32_t *aShape, const int32_t *bShape, const float *a,
            const float *b, float *o) {
  if (rank < 1 || rank > kMaxRank) throw std::invalid_argument("binary: rank must be 1.." + std::to_string(kMaxRank));
  int64_t out[kMaxRank], sa[kMaxRank], sb[kMaxRank];
  int64_t pa = 1, pb = 1;
  for (int d = rank - 1; d >= 0; --d) {
    out[d] = outShape[d];
    sa[d] = aShape[d] == 1 && outShape[d] != 1 ? 0 : pa;
    sb[d] = bShape[d] == 1 && outShape[d] != 1 ? 0 : pb;
    pa *= aShape[d];
    pb *= bShape[d];
  }
  switch (op) {
    case 0: rows<Add>(rank, out, sa, sb, a, b, o); return;
    case 1: rows<Sub>(rank, out, sa, sb, a, b, o); return;
    case 2: rows<Mul>(rank, out, sa, sb, a, b, o); return;
    case 3: rows<Div>(rank, out, sa, sb, a, b, o); return;
    case 4: rows<Max>(rank, out, sa, sb, a, b, o); return;
    case 5: rows<Min>(rank, out, sa, sb, a, b, o); return;
    case 6: rows<SqDiff>(rank, out, sa, sb, a, b, o); return;
    case 7: rows<ReluGrad>(rank, out, sa, sb, a, b, o); return;
    case 8: rows<SquareGrad>(rank, out, sa, sb, a, b, o); return;
    default: throw std::invalid_argument("binary: unknown op " + std::to_string(op));
  }
}

void unary(int op, float alpha, const float *x, float *y, int64_t n) {
  const bool par = n >= kParallelMin;
  switch (op) {
    case 0:  // Relu: Math.max(0, x) (NaN stays NaN, -0 becomes 0)
#pragma omp parallel for simd schedule(static) if (par)
      for (int64_t i = 0; i < n; ++i) {
        const float v = x[i];
        const float r = v > 0.f ? v : 0.f;
        y[i] = v != v ? v : r;
      }
      return;
    case 1:  // Step: NaN → NaN, x > 0 → 1, else alpha
#pragma omp parallel for simd schedule(static) if (par)
      for (int64_t i = 0; i < n; ++i) {
        const float v = x[i];
        const float r = v > 0.f ? 1.f : alpha;
        y[i] = v != v ? v : r;
      }
      return;
    case 2:  // Square
#pragma omp parallel for simd schedule(static) if (par)
      for (int64_t i = 0; i < n; ++i) y[i] = static_cast<float>(static_cast<double>(x[i]) * x[i]);
      return;
    case 3:  // Sqrt
#pragma omp parallel for schedule(static) if (par)
      for (int64_t i = 0; i < n; ++i) y[i] = static_cast<float>(std::sqrt(static_cast<double>(x[i])));
      return;
    case 4:  // Rsqrt
#pragma omp parallel for schedule(static) if (par)
      for (int64_t i = 0; i < n; ++i) y[i] = static_cast<float>(1.0 / std::sqrt(static_cast<double>(x[i])));
      return;
    case 5:  // Neg
#pragma omp parallel for simd schedule(static) if (par)
      for (int64_t i = 0; i < n; ++i) y[i] = -x[i];
      return;
    case 6:  // Sigmoid: 1 / (1 + exp(-x))
#pragma omp parallel for schedule(static) if (par)
      for (int64_t i = 0; i < n; ++i) y[i] = static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(x[i]))));
      return;
    case 7:  // Exp
#pragma omp parallel for schedule(static) if (par)
      for (int64_t i = 0; i < n; ++i) y[i] = static_cast<float>(std::exp(static_cast<double>(x[i])));
      return;
    case 8:  // Log
#pragma omp parallel for schedule(static) if (par)
      for (int64_t i = 0; i < n; ++i) y[i] = static_cast<float>(std::log(static_cast<double>(x[i])));
      return;
    case 9:  // Abs
#pragma omp parallel for simd schedule(static) if (par)
      for (int64_t i = 0; i < n; ++i) y[i] = std::fabs(x[i]);
      return;
    default: throw std::invalid_argument("unary: unknown op " + std::to_string(op));
  }
}

void reduce(int op, int64_t outer, int64_t r, int64_t inner, const float *x, float *y) {
  // y[o, i] = Σ_k x[o, k, i] (op 0) or its mean (op 1), accumulated in double. The work is split
  // into a FIXED number of chunks (not one per thread) and the partial sums are added in chunk
  // order, so the result does not depend on the thread count.
  const double scale = op == 1 ? 1.0 / static_cast<double>(r) : 1.0;
  if (op != 0 && op != 1) throw std::invalid_argument("reduce: unknown op " + std::to_string(op));
  const int64_t total = outer * r * inner;
  if (inner == 1) {
#pragma omp parallel for schedule(static) if (total >= kParallelMin && outer > 1)
    for (int64_t o = 0; o < outer; ++o) {
      const float *p = x + o * r;
      double s = 0;
      for (int64_t k = 0; k < r; ++k) s += p[k];
      y[o] = static_cast<float>(s * scale);
    }
    if (outer > 1 || total < kParallelMin) return;
  }
  const int64_t chunks = total >= kParallelMin ? std::min<int64_t>(r, 64) : 1;
  std::vector<double> partial(static_cast<size_t>(chunks * outer * inner), 0.0);
#pragma omp parallel for schedule(static) collapse(2) if (chunks > 1)
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t c = 0; c < chunks; ++c) {
      const int64_t k0 = r * c / chunks, k1 = r * (c + 1) / chunks;
      double *acc = partial.data() + (c * outer + o) * inner;
      for (int64_t k = k0; k < k1; ++k) {
        const float *p = x + (o * r + k) * inner;
        for (int64_t i = 0; i < inner; ++i) acc[i] += p[i];
      }
    }
  }
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      double s = 0;
      for (int64_t c = 0; c < chunks; ++c) s += partial[(c * outer + o) * inner + i];
      y[o * inner + i] = static_cast<float>(s * scale);
    }
  }
}

namespace {
// Per-channel Σ a and Σ a·(b − shift) (or Σ a² when b is null) over the rows of [rows, c] maps, in
// double, in a fixed chunk order (independent of the thread count).
void channelSums(int64_t rows, int64_t c, const float *a, const float *b, const float *shift, double *s1, double *s2) {
  const int64_t total = rows * c;
  const int64_t chunks = total >= kParallelMin ? std::min<int64_t>(rows, 64) : 1;
  std::vector<double> partial(static_cast<size_t>(chunks * 2 * c), 0.0);
#pragma omp parallel for schedule(static) if (chunks > 1)
  for (int64_t k = 0; k < chunks; ++k) {
    double *p1 = partial.data() + k * 2 * c, *p2 = p1 + c;
    const int64_t r0 = rows * k / chunks, r1 = rows * (k + 1) / chunks;
    for (int64_t r = r0; r < r1; ++r) {
      const float *ar = a + r * c;
      if (b == nullptr) {
        for (int64_t j = 0; j < c; ++j) {
          const double v = ar[j];
          p1[j] += v;
          p2[j] += v * v;
        }
      } else {
        const float *br = b + r * c;
        for (int64_t j = 0; j < c; ++j) {
          p1[j] += ar[j];
          p2[j] += static_cast<double>(ar[j]) * (static_cast<double>(br[j]) - shift[j]);
        }
      }
    }
  }
  for (int64_t j = 0; j < c; ++j) {
    double u = 0, v = 0;
    for (int64_t k = 0; k < chunks; ++k) {
      u += partial[k * 2 * c + j];
      v += partial[k * 2 * c + c + j];
    }
    s1[j] = u;
    s2[j] = v;
  }
}

// y[r, j] = a[j]·u[r, j] + b[j]·v[r, j] + d[j] (v may be null), in double.
void channelAffine(int64_t rows, int64_t c, const double *a, const float *u, const double *b, const float *v,
                   const double *d, float *y) {
#pragma omp parallel for schedule(static) if (rows * c >= kParallelMin)
  for (int64_t r = 0; r < rows; ++r) {
    const float *ur = u + r * c;
    float *yr = y + r * c;
    if (v == nullptr) {
      for (int64_t j = 0; j < c; ++j) yr[j] = static_cast<float>(a[j] * ur[j] + d[j]);
    } else {
      const float *vr = v + r * c;
      for (int64_t j = 0; j < c; ++j) yr[j] = static_cast<float>(a[j] * ur[j] + b[j] * vr[j] + d[j]);
    }
  }
}
}  // namespace

void batchNormGradStats(int64_t rows, int64_t c, const float *x, const float *dy, const float *mean, float *sumDy,
                        float *sumDyXc) {
  // Per channel: Σ dy and Σ dy·(x − mean) over the rows of an [rows, c] map, in double.
  std::vector<double> s1(c), s2(c);
  channelSums(rows, c, dy, x, mean, s1.data(), s2.data());
  for (int64_t j = 0; j < c; ++j) {
    sumDy[j] = static_cast<float>(s1[j]);
    sumDyXc[j] = static_cast<float>(s2[j]);
  }
}


void batchNormTraining(int64_t rows, int64_t c, const float *x, const float *gamma, const float *beta, double eps,
                       float *y, float *mean, float *variance) {
  std::vector<double> sum(c), sumSq(c), scale(c), shift(c);
  channelSums(rows, c, x, nullptr, nullptr, sum.data(), sumSq.data());
  for (int64_t j = 0; j < c; ++j) {
    const double mu = sum[j] / rows;
    const double var = std::max(0.0, sumSq[j] / rows - mu * mu);
    mean[j] = static_cast<float>(mu);
    variance[j] = static_cast<float>(var);
    scale[j] = gamma[j] / std::sqrt(var + eps);
    shift[j] = beta[j] - mu * scale[j];
  }
  channelAffine(rows, c, scale.data(), x, nullptr, nullptr, shift.data(), y);
}

void batchNormTrainingGrad(int64_t rows, int64_t c, const float *dy, const float *x, const float *gamma,
                           const float *mean, const float *variance, const float *dMean, const float *dVariance,
                           double eps, float *dx, float *dGamma, float *dBeta) {
  std::vector<double> sumDy(c), sumDyX(c), k1(c), k2(c), k3(c);
  channelSums(rows, c, dy, x, mean, sumDy.data(), sumDyX.data());
  for (int64_t j = 0; j < c; ++j) {
    const double r = 1 / std::sqrt(static_cast<double>(variance[j]) + eps);
    const double dg = sumDyX[j] * r;
    dGamma[j] = static_cast<float>(dg);
    dBeta[j] = static_cast<float>(sumDy[j]);
    k1[j] = gamma[j] * r;
    k2[j] = (-gamma[j] * r * r * dg + 2.0 * dVariance[j]) / rows;
    k3[j] = (-gamma[j] * r * sumDy[j] + dMean[j]) / rows - k2[j] * mean[j];
  }
  // dx = k1·dy + k2·x + k3 (the −k2·μ of k2·(x − μ) folded into k3)
  channelAffine(rows, c, k1.data(), dy, k2.data(), x, k3.data(), dx);
}

void concatRows(int64_t rows, int64_t outCols, int64_t colOffset, int64_t cols, const float *src, float *dst) {
#pragma omp parallel for schedule(static) if (rows * cols >= kParallelMin)
  for (int64_t r = 0; r < rows; ++r) std::memcpy(dst + r * outCols + colOffset, src + r * cols, sizeof(float) * cols);
}

void slice(int rank, const int32_t *srcShape, const int32_t *begin, const int32_t *size, const float *src, float *dst) {
  if (rank < 1 || rank > kMaxRank) throw std::invalid_argument("slice: rank must be 1.." + std::to_string(kMaxRank));
  int64_t stride[kMaxRank];
  int64_t p = 1;
  for (int d = rank - 1; d >= 0; --d) {
    stride[d] = p;
    p *= srcShape[d];
  }
  const int64_t n = size[rank - 1];
  int64_t nrows = 1;
  for (int d = 0; d < rank - 1; ++d) nrows *= size[d];
#pragma omp parallel for schedule(static) if (nrows * n >= kParallelMin)
  for (int64_t r = 0; r < nrows; ++r) {
    int64_t rem = r, off = begin[rank - 1];
    for (int d = rank - 2; d >= 0; --d) {
      const int64_t idx = rem % size[d];
      rem /= size[d];
      off += (begin[d] + idx) * stride[d];
    }
    std::memcpy(dst + r * n, src + off, sizeof(float) * n);
  }
}

void tile(int rank, const int32_t *inShape, const int32_t *outShape, const float *src, float *dst) {
  if (rank < 1 || rank > kMaxRank) throw std::invalid_argument("tile: rank must be 1.." + std::to_string(kMaxRank));
  int64_t stride[kMaxRank];
  int64_t p = 1;
  for (int d = rank - 1; d >= 0; --d) {
    stride[d] = p;
    p *= inShape[d];
  }
  const int64_t n = outShape[rank - 1], m = inShape[rank - 1];
  int64_t nrows = 1;
  for (int d = 0; d < rank - 1; ++d) nrows *= outShape[d];
#pragma omp parallel for schedule(static) if (nrows * n >= kParallelMin)
  for (int64_t r = 0; r < nrows; ++r) {
    int64_t rem = r, off = 0;
    for (int d = rank - 2; d >= 0; --d) {
      const int64_t idx = rem % outShape[d];
      rem /= outShape[d];
      off += (idx % inShape[d]) * stride[d];
    }
    float *o = dst + r * n;
    for (int64_t j = 0; j < n; j += m) std::memcpy(o + j, src + off, sizeof(float) * m);
  }
}

void batchNorm(const float *x, int64_t n, const float *mean, int64_t nm, const float *var, int64_t nv,
               const float *offset, int64_t no, const float *scale, int64_t ns, double eps, float *y) {
  // As the cpu kernel: y = offset + (x - mean) * scale / sqrt(variance + eps) in double, every
  // parameter cycling with its own length along the flat x.
  int64_t c = 1;
  for (int64_t len : {nm, nv, no, ns}) c = len > 1 ? len : c;
  const bool perChannel = (nm == 1 || nm == c) && (nv == 1 || nv == c) && (no == 1 || no == c) && (ns == 1 || ns == c) && n % c == 0;
  if (perChannel) {
    // Same arithmetic with the per-channel terms hoisted out of the element loop.
    std::vector<double> m(c), sd(c), o(c), sc(c);
    for (int64_t j = 0; j < c; ++j) {
      m[j] = mean[nm == 1 ? 0 : j];
      sd[j] = std::sqrt(static_cast<double>(var[nv == 1 ? 0 : j]) + eps);
      o[j] = offset[no == 1 ? 0 : j];
      sc[j] = scale[ns == 1 ? 0 : j];
    }
    const int64_t nrows = n / c;
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
    for (int64_t r = 0; r < nrows; ++r) {
      const float *xr = x + r * c;
      float *yr = y + r * c;
      for (int64_t j = 0; j < c; ++j) yr[j] = static_cast<float>(o[j] + (xr[j] - m[j]) * sc[j] / sd[j]);
    }
    return;
  }
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t i = 0; i < n; ++i) {
    const double v = static_cast<double>(var[i % nv]) + eps;
    y[i] = static_cast<float>(static_cast<double>(offset[i % no]) +
                              (static_cast<double>(x[i]) - mean[i % nm]) * static_cast<double>(scale[i % ns]) / std::sqrt(v));
  }
}

}  // namespace qfcn
