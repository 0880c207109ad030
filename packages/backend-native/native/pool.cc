// 2-D max pooling (NHWC) forward and gradient, OpenMP-parallel. Semantics follow tfjs exactly:
// padding cells are skipped, NaN never wins, and the gradient goes to the FIRST maximum of each
// window in row-major order (oneDNN's pooling backward needs a forward workspace that tfjs does
// not keep, so this is written directly).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "common.h"

namespace qfcn {
namespace {

constexpr int64_t kParallelMin = 1 << 17;  // input elements; below this one thread is faster

struct Pool {
  int64_t N, H, W, C, KH, KW, OH, OW, sH, sW, pT, pL;
  explicit Pool(const int32_t *p)
      : N(p[0]), H(p[1]), W(p[2]), C(p[3]), KH(p[4]), KW(p[5]), OH(p[6]), OW(p[7]), sH(p[8]),
        sW(p[9]), pT(p[10]), pL(p[11]) {}
};

}  // namespace

void maxPoolForward(const int32_t *p, const float *x, float *y) {
  const Pool g(p);
  const float lowest = -std::numeric_limits<float>::infinity();
#pragma omp parallel for schedule(static) if (g.N * g.H * g.W * g.C >= kParallelMin)
  for (int64_t row = 0; row < g.N * g.OH; ++row) {
    const int64_t n = row / g.OH, oy = row % g.OH;
    const int64_t y0 = std::max<int64_t>(0, oy * g.sH - g.pT), y1 = std::min(g.H, oy * g.sH - g.pT + g.KH);
    for (int64_t ox = 0; ox < g.OW; ++ox) {
      const int64_t x0 = std::max<int64_t>(0, ox * g.sW - g.pL), x1 = std::min(g.W, ox * g.sW - g.pL + g.KW);
      float *out = y + ((n * g.OH + oy) * g.OW + ox) * g.C;
      for (int64_t c = 0; c < g.C; ++c) out[c] = lowest;
      for (int64_t iy = y0; iy < y1; ++iy) {
        for (int64_t ix = x0; ix < x1; ++ix) {
          const float *in = x + ((n * g.H + iy) * g.W + ix) * g.C;
          for (int64_t c = 0; c < g.C; ++c) out[c] = in[c] > out[c] ? in[c] : out[c];
        }
      }
    }
  }
}

void maxPoolBackward(const int32_t *p, const float *x, const float *dy, float *dx) {
  const Pool g(p);
  std::memset(dx, 0, sizeof(float) * g.N * g.H * g.W * g.C);
  const float lowest = -std::numeric_limits<float>::infinity();
  // Windows that overlap (stride < window) may send gradient to the same input cell from two
  // outputs; then rows of one image are walked by one thread, else every output row is independent.
  const bool overlap = g.sH < g.KH || g.sW < g.KW;
  const int64_t outer = overlap ? g.N : g.N * g.OH;
  const int64_t inner = overlap ? g.OH : 1;
#pragma omp parallel if (g.N * g.H * g.W * g.C >= kParallelMin)
  {
    // Per channel: the best value so far and the window cell (index into `cell`) holding it.
    std::vector<float> best(g.C);
    std::vector<int32_t> which(g.C);
    std::vector<int64_t> cell(g.KH * g.KW);
#pragma omp for schedule(static)
    for (int64_t task = 0; task < outer; ++task) {
      for (int64_t r = 0; r < inner; ++r) {
        const int64_t row = task * inner + r;
        const int64_t n = row / g.OH, oy = row % g.OH;
        const int64_t y0 = std::max<int64_t>(0, oy * g.sH - g.pT), y1 = std::min(g.H, oy * g.sH - g.pT + g.KH);
        for (int64_t ox = 0; ox < g.OW; ++ox) {
          const int64_t x0 = std::max<int64_t>(0, ox * g.sW - g.pL), x1 = std::min(g.W, ox * g.sW - g.pL + g.KW);
          float *bst = best.data();
          int32_t *wh = which.data();
          for (int64_t c = 0; c < g.C; ++c) {
            bst[c] = lowest;
            wh[c] = -1;
          }
          int32_t k = 0;
          for (int64_t iy = y0; iy < y1; ++iy) {
            for (int64_t ix = x0; ix < x1; ++ix, ++k) {
              cell[k] = ((n * g.H + iy) * g.W + ix) * g.C;
              const float *in = x + cell[k];
              // Strictly greater: the first maximum in row-major order wins, NaN never does.
#pragma omp simd
              for (int64_t c = 0; c < g.C; ++c) {
                const bool gt = in[c] > bst[c];
                bst[c] = gt ? in[c] : bst[c];
                wh[c] = gt ? k : wh[c];
              }
            }
          }
          const float *grad = dy + ((n * g.OH + oy) * g.OW + ox) * g.C;
          for (int64_t c = 0; c < g.C; ++c) {
            if (wh[c] >= 0) dx[cell[wh[c]] + c] += grad[c];
          }
        }
      }
    }
  }
}

}  // namespace qfcn
