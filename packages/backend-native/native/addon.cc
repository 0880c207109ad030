// N-API glue of the qfcn-native addon: argument checking (every typed array length is checked
// against the shape parameters before a pointer reaches oneDNN) and error translation.
#include <node_api.h>
#include <omp.h>

#include <string>

#include "common.h"

namespace {

struct JsError {
  std::string message;
};

void check(napi_env env, napi_status status, const char *what) {
  if (status != napi_ok) throw JsError{std::string("qfcn-native: ") + what};
}

template <typename T>
T *typedArray(napi_env env, napi_value value, napi_typedarray_type want, size_t length, const char *name,
              bool optional = false) {
  napi_valuetype vt;
  check(env, napi_typeof(env, value, &vt), "typeof");
  if (optional && (vt == napi_null || vt == napi_undefined)) return nullptr;
  bool is = false;
  check(env, napi_is_typedarray(env, value, &is), "is_typedarray");
  if (!is) throw JsError{std::string("qfcn-native: ") + name + " must be a typed array"};
  napi_typedarray_type type;
  size_t len;
  void *data;
  check(env, napi_get_typedarray_info(env, value, &type, &len, &data, nullptr, nullptr), "typedarray_info");
  if (type != want) {
    throw JsError{std::string("qfcn-native: ") + name +
                  (want == napi_float32_array ? " must be a Float32Array" : " must be an Int32Array")};
  }
  if (length != SIZE_MAX && len != length) {
    throw JsError{std::string("qfcn-native: ") + name + " has " + std::to_string(len) + " elements, expected " +
                  std::to_string(length)};
  }
  return static_cast<T *>(data);
}

const int32_t *params(napi_env env, napi_value value, size_t count) {
  const int32_t *p = typedArray<int32_t>(env, value, napi_int32_array, count, "params");
  for (size_t i = 0; i < count; ++i) {
    if (p[i] < 0) throw JsError{"qfcn-native: negative shape parameter at index " + std::to_string(i)};
  }
  return p;
}

double number(napi_env env, napi_value value, const char *name) {
  double d;
  if (napi_get_value_double(env, value, &d) != napi_ok) throw JsError{std::string("qfcn-native: ") + name + " must be a number"};
  return d;
}

template <size_t Want>
void args(napi_env env, napi_callback_info info, napi_value (&argv)[Want]) {
  size_t argc = Want;
  check(env, napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr), "cb_info");
  if (argc < Want) throw JsError{"qfcn-native: expected " + std::to_string(Want) + " arguments"};
}

template <typename F>
napi_value guarded(napi_env env, F f) {
  try {
    return f();
  } catch (const JsError &e) {
    napi_throw_error(env, "QFCN_NATIVE", e.message.c_str());
  } catch (const dnnl::error &e) {
    napi_throw_error(env, "QFCN_NATIVE_DNNL", (std::string("qfcn-native: oneDNN: ") + e.what()).c_str());
  } catch (const std::exception &e) {
    napi_throw_error(env, "QFCN_NATIVE", (std::string("qfcn-native: ") + e.what()).c_str());
  }
  return nullptr;
}

napi_value undefined(napi_env env) {
  napi_value u;
  napi_get_undefined(env, &u);
  return u;
}

size_t prod(std::initializer_list<int64_t> xs) {
  size_t r = 1;
  for (int64_t x : xs) r *= static_cast<size_t>(x);
  return r;
}

// conv2d(params, alpha, x, w, bias|null, y)
napi_value Conv2d(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[6];
    args(env, info, a);
    const int32_t *p = params(env, a[0], qfcn::kConvParams);
    const float alpha = static_cast<float>(number(env, a[1], "alpha"));
    const float *x = typedArray<float>(env, a[2], napi_float32_array, prod({p[0], p[1], p[2], p[3]}), "x");
    const float *w = typedArray<float>(env, a[3], napi_float32_array, prod({p[4], p[5], p[3], p[6]}), "filter");
    const float *bias = typedArray<float>(env, a[4], napi_float32_array, p[19] ? p[6] : SIZE_MAX, "bias", true);
    float *y = typedArray<float>(env, a[5], napi_float32_array, prod({p[0], p[7], p[8], p[6]}), "y");
    if (p[19] && bias == nullptr) throw JsError{"qfcn-native: bias missing"};
    qfcn::conv2dForward(p, alpha, x, w, bias, y);
    return undefined(env);
  });
}

// conv2dBackpropInput(params, dy, w, dx)
napi_value Conv2dBackpropInput(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[4];
    args(env, info, a);
    const int32_t *p = params(env, a[0], qfcn::kConvParams);
    const float *dy = typedArray<float>(env, a[1], napi_float32_array, prod({p[0], p[7], p[8], p[6]}), "dy");
    const float *w = typedArray<float>(env, a[2], napi_float32_array, prod({p[4], p[5], p[3], p[6]}), "filter");
    float *dx = typedArray<float>(env, a[3], napi_float32_array, prod({p[0], p[1], p[2], p[3]}), "dx");
    qfcn::conv2dBackwardData(p, dy, w, dx);
    return undefined(env);
  });
}

// conv2dBackpropFilter(params, x, dy, dw)
napi_value Conv2dBackpropFilter(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[4];
    args(env, info, a);
    const int32_t *p = params(env, a[0], qfcn::kConvParams);
    const float *x = typedArray<float>(env, a[1], napi_float32_array, prod({p[0], p[1], p[2], p[3]}), "x");
    const float *dy = typedArray<float>(env, a[2], napi_float32_array, prod({p[0], p[7], p[8], p[6]}), "dy");
    float *dw = typedArray<float>(env, a[3], napi_float32_array, prod({p[4], p[5], p[3], p[6]}), "dw");
    qfcn::conv2dBackwardWeights(p, x, dy, dw);
    return undefined(env);
  });
}

// matMul(params, alpha, a, b, bias|null, c)
napi_value MatMul(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[6];
    args(env, info, a);
    const int32_t *p = params(env, a[0], qfcn::kMatMulParams);
    if (p[0] != p[1] && p[0] != 1 && p[1] != 1) throw JsError{"qfcn-native: batch sizes must match or be 1"};
    const float alpha = static_cast<float>(number(env, a[1], "alpha"));
    const float *A = typedArray<float>(env, a[2], napi_float32_array, prod({p[0], p[2], p[3]}), "a");
    const float *B = typedArray<float>(env, a[3], napi_float32_array, prod({p[1], p[3], p[4]}), "b");
    const float *bias = typedArray<float>(env, a[4], napi_float32_array, p[8] ? p[4] : SIZE_MAX, "bias", true);
    float *C = typedArray<float>(env, a[5], napi_float32_array, prod({std::max(p[0], p[1]), p[2], p[4]}), "c");
    if (p[8] && bias == nullptr) throw JsError{"qfcn-native: bias missing"};
    qfcn::matmul(p, alpha, A, B, bias, C);
    return undefined(env);
  });
}

// maxPool(params, x, y)
napi_value MaxPool(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[3];
    args(env, info, a);
    const int32_t *p = params(env, a[0], qfcn::kPoolParams);
    const float *x = typedArray<float>(env, a[1], napi_float32_array, prod({p[0], p[1], p[2], p[3]}), "x");
    float *y = typedArray<float>(env, a[2], napi_float32_array, prod({p[0], p[6], p[7], p[3]}), "y");
    qfcn::maxPoolForward(p, x, y);
    return undefined(env);
  });
}

// maxPoolGrad(params, x, dy, dx)
napi_value MaxPoolGrad(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[4];
    args(env, info, a);
    const int32_t *p = params(env, a[0], qfcn::kPoolParams);
    const float *x = typedArray<float>(env, a[1], napi_float32_array, prod({p[0], p[1], p[2], p[3]}), "x");
    const float *dy = typedArray<float>(env, a[2], napi_float32_array, prod({p[0], p[6], p[7], p[3]}), "dy");
    float *dx = typedArray<float>(env, a[3], napi_float32_array, prod({p[0], p[1], p[2], p[3]}), "dx");
    qfcn::maxPoolBackward(p, x, dy, dx);
    return undefined(env);
  });
}

// Length of a typed array argument (any type), for validation against shapes.
size_t lengthOf(napi_env env, napi_value value) {
  napi_typedarray_type type;
  size_t len;
  check(env, napi_get_typedarray_info(env, value, &type, &len, nullptr, nullptr, nullptr), "typedarray_info");
  return len;
}

// A shape argument: an Int32Array of non-negative dims, rank 1..8.
const int32_t *shapeArg(napi_env env, napi_value value, const char *name, size_t *rank) {
  bool is = false;
  check(env, napi_is_typedarray(env, value, &is), "is_typedarray");
  if (!is) throw JsError{std::string("qfcn-native: ") + name + " must be an Int32Array"};
  *rank = lengthOf(env, value);
  if (*rank < 1 || *rank > 8) throw JsError{std::string("qfcn-native: ") + name + " must have rank 1..8"};
  const int32_t *s = typedArray<int32_t>(env, value, napi_int32_array, *rank, name);
  for (size_t i = 0; i < *rank; ++i) {
    if (s[i] < 0) throw JsError{std::string("qfcn-native: ") + name + " has a negative dim"};
  }
  return s;
}

size_t product(const int32_t *s, size_t rank) {
  size_t p = 1;
  for (size_t i = 0; i < rank; ++i) p *= static_cast<size_t>(s[i]);
  return p;
}

int32_t intArg(napi_env env, napi_value value, const char *name) {
  const double d = number(env, value, name);
  if (d != static_cast<int32_t>(d)) throw JsError{std::string("qfcn-native: ") + name + " must be an int32"};
  return static_cast<int32_t>(d);
}

// binary(op, outShape, aShape, bShape, a, b, out)
napi_value Binary(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[7];
    args(env, info, a);
    const int op = intArg(env, a[0], "op");
    size_t rank, ra, rb;
    const int32_t *out = shapeArg(env, a[1], "outShape", &rank);
    const int32_t *as = shapeArg(env, a[2], "aShape", &ra);
    const int32_t *bs = shapeArg(env, a[3], "bShape", &rb);
    if (ra != rank || rb != rank) throw JsError{"qfcn-native: binary shapes must have the output's rank"};
    for (size_t d = 0; d < rank; ++d) {
      if ((as[d] != out[d] && as[d] != 1) || (bs[d] != out[d] && bs[d] != 1)) throw JsError{"qfcn-native: binary shapes do not broadcast"};
    }
    const float *x = typedArray<float>(env, a[4], napi_float32_array, product(as, rank), "a");
    const float *y = typedArray<float>(env, a[5], napi_float32_array, product(bs, rank), "b");
    float *o = typedArray<float>(env, a[6], napi_float32_array, product(out, rank), "out");
    if (product(out, rank) > 0) qfcn::binary(op, static_cast<int>(rank), out, as, bs, x, y, o);
    return undefined(env);
  });
}

// unary(op, alpha, x, y)
napi_value Unary(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[4];
    args(env, info, a);
    const int op = intArg(env, a[0], "op");
    const float alpha = static_cast<float>(number(env, a[1], "alpha"));
    const float *x = typedArray<float>(env, a[2], napi_float32_array, SIZE_MAX, "x");
    const size_t n = lengthOf(env, a[2]);
    float *y = typedArray<float>(env, a[3], napi_float32_array, n, "y");
    qfcn::unary(op, alpha, x, y, static_cast<int64_t>(n));
    return undefined(env);
  });
}

// reduce(op, outer, r, inner, x, y)
napi_value Reduce(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[6];
    args(env, info, a);
    const int op = intArg(env, a[0], "op");
    const int64_t outer = intArg(env, a[1], "outer"), r = intArg(env, a[2], "r"), inner = intArg(env, a[3], "inner");
    if (outer < 1 || r < 1 || inner < 1) throw JsError{"qfcn-native: reduce sizes must be >= 1"};
    const float *x = typedArray<float>(env, a[4], napi_float32_array, static_cast<size_t>(outer * r * inner), "x");
    float *y = typedArray<float>(env, a[5], napi_float32_array, static_cast<size_t>(outer * inner), "y");
    qfcn::reduce(op, outer, r, inner, x, y);
    return undefined(env);
  });
}

// slice(srcShape, begin, size, src, dst)
napi_value Slice(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[5];
    args(env, info, a);
    size_t rank, rb, rs;
    const int32_t *shape = shapeArg(env, a[0], "srcShape", &rank);
    const int32_t *begin = shapeArg(env, a[1], "begin", &rb);
    const int32_t *size = shapeArg(env, a[2], "size", &rs);
    if (rb != rank || rs != rank) throw JsError{"qfcn-native: slice begin/size must have the source's rank"};
    for (size_t d = 0; d < rank; ++d) {
      if (static_cast<int64_t>(begin[d]) + size[d] > shape[d]) throw JsError{"qfcn-native: slice out of bounds"};
    }
    const float *src = typedArray<float>(env, a[3], napi_float32_array, product(shape, rank), "src");
    float *dst = typedArray<float>(env, a[4], napi_float32_array, product(size, rank), "dst");
    if (product(size, rank) > 0) qfcn::slice(static_cast<int>(rank), shape, begin, size, src, dst);
    return undefined(env);
  });
}

// concatRows(rows, outCols, colOffset, cols, src, dst)
napi_value ConcatRows(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[6];
    args(env, info, a);
    const int64_t rows = intArg(env, a[0], "rows"), outCols = intArg(env, a[1], "outCols");
    const int64_t colOffset = intArg(env, a[2], "colOffset"), cols = intArg(env, a[3], "cols");
    if (rows < 0 || cols < 0 || colOffset < 0 || colOffset + cols > outCols) throw JsError{"qfcn-native: concat columns out of range"};
    const float *src = typedArray<float>(env, a[4], napi_float32_array, static_cast<size_t>(rows * cols), "src");
    float *dst = typedArray<float>(env, a[5], napi_float32_array, static_cast<size_t>(rows * outCols), "dst");
    qfcn::concatRows(rows, outCols, colOffset, cols, src, dst);
    return undefined(env);
  });
}

// tile(inShape, outShape, src, dst)
napi_value Tile(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[4];
    args(env, info, a);
    size_t rank, ro;
    const int32_t *in = shapeArg(env, a[0], "inShape", &rank);
    const int32_t *out = shapeArg(env, a[1], "outShape", &ro);
    if (ro != rank) throw JsError{"qfcn-native: tile shapes must have the same rank"};
    for (size_t d = 0; d < rank; ++d) {
      if (in[d] == 0 ? out[d] != 0 : out[d] % in[d] != 0) throw JsError{"qfcn-native: tile output is not a multiple of the input"};
    }
    const float *src = typedArray<float>(env, a[2], napi_float32_array, product(in, rank), "src");
    float *dst = typedArray<float>(env, a[3], napi_float32_array, product(out, rank), "dst");
    if (product(out, rank) > 0) qfcn::tile(static_cast<int>(rank), in, out, src, dst);
    return undefined(env);
  });
}

// batchNormGradStats(x, dy, mean, sumDy, sumDyXc): x and dy [rows, c], mean/sums [c]
napi_value BatchNormGradStats(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[5];
    args(env, info, a);
    const size_t c = lengthOf(env, a[2]);
    const size_t n = lengthOf(env, a[0]);
    if (c == 0 || n % c != 0) throw JsError{"qfcn-native: x length must be a multiple of the channel count"};
    const float *x = typedArray<float>(env, a[0], napi_float32_array, n, "x");
    const float *dy = typedArray<float>(env, a[1], napi_float32_array, n, "dy");
    const float *mean = typedArray<float>(env, a[2], napi_float32_array, c, "mean");
    float *s1 = typedArray<float>(env, a[3], napi_float32_array, c, "sumDy");
    float *s2 = typedArray<float>(env, a[4], napi_float32_array, c, "sumDyXc");
    qfcn::batchNormGradStats(static_cast<int64_t>(n / c), static_cast<int64_t>(c), x, dy, mean, s1, s2);
    return undefined(env);
  });
}

// batchNormTraining(x, gamma, beta, epsilon, y, mean, variance): x and y [rows, c], the rest [c]
napi_value BatchNormTraining(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[7];
    args(env, info, a);
    const size_t c = lengthOf(env, a[1]);
    const size_t n = lengthOf(env, a[0]);
    if (c == 0 || n % c != 0) throw JsError{"qfcn-native: x length must be a multiple of the channel count"};
    const float *x = typedArray<float>(env, a[0], napi_float32_array, n, "x");
    const float *gamma = typedArray<float>(env, a[1], napi_float32_array, c, "gamma");
    const float *beta = typedArray<float>(env, a[2], napi_float32_array, c, "beta");
    const double eps = number(env, a[3], "epsilon");
    float *y = typedArray<float>(env, a[4], napi_float32_array, n, "y");
    float *mean = typedArray<float>(env, a[5], napi_float32_array, c, "mean");
    float *variance = typedArray<float>(env, a[6], napi_float32_array, c, "variance");
    qfcn::batchNormTraining(static_cast<int64_t>(n / c), static_cast<int64_t>(c), x, gamma, beta, eps, y, mean, variance);
    return undefined(env);
  });
}

// batchNormTrainingGrad(dy, x, gamma, mean, variance, dMean, dVariance, epsilon, dx, dGamma, dBeta)
napi_value BatchNormTrainingGrad(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[11];
    args(env, info, a);
    const size_t c = lengthOf(env, a[2]);
    const size_t n = lengthOf(env, a[1]);
    if (c == 0 || n % c != 0) throw JsError{"qfcn-native: x length must be a multiple of the channel count"};
    const float *dy = typedArray<float>(env, a[0], napi_float32_array, n, "dy");
    const float *x = typedArray<float>(env, a[1], napi_float32_array, n, "x");
    const float *p[5];
    const char *names[5] = {"gamma", "mean", "variance", "dMean", "dVariance"};
    for (int i = 0; i < 5; ++i) p[i] = typedArray<float>(env, a[2 + i], napi_float32_array, c, names[i]);
    const double eps = number(env, a[7], "epsilon");
    float *dx = typedArray<float>(env, a[8], napi_float32_array, n, "dx");
    float *dGamma = typedArray<float>(env, a[9], napi_float32_array, c, "dGamma");
    float *dBeta = typedArray<float>(env, a[10], napi_float32_array, c, "dBeta");
    qfcn::batchNormTrainingGrad(static_cast<int64_t>(n / c), static_cast<int64_t>(c), dy, x, p[0], p[1], p[2], p[3], p[4], eps,
                                dx, dGamma, dBeta);
    return undefined(env);
  });
}

// batchNorm(x, mean, variance, offset, scale, epsilon, y)
napi_value BatchNorm(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[7];
    args(env, info, a);
    const float *x = typedArray<float>(env, a[0], napi_float32_array, SIZE_MAX, "x");
    const float *p[4];
    size_t len[4];
    const char *names[4] = {"mean", "variance", "offset", "scale"};
    for (int i = 0; i < 4; ++i) {
      p[i] = typedArray<float>(env, a[1 + i], napi_float32_array, SIZE_MAX, names[i]);
      len[i] = lengthOf(env, a[1 + i]);
      if (len[i] == 0) throw JsError{std::string("qfcn-native: ") + names[i] + " is empty"};
    }
    const double eps = number(env, a[5], "epsilon");
    const size_t n = lengthOf(env, a[0]);
    float *y = typedArray<float>(env, a[6], napi_float32_array, n, "y");
    qfcn::batchNorm(x, static_cast<int64_t>(n), p[0], static_cast<int64_t>(len[0]), p[1], static_cast<int64_t>(len[1]),
                    p[2], static_cast<int64_t>(len[2]), p[3], static_cast<int64_t>(len[3]), eps, y);
    return undefined(env);
  });
}

// setThreads(n): the OpenMP team size of the calling thread for oneDNN and the pool kernels.
napi_value SetThreads(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    napi_value a[1];
    args(env, info, a);
    const double n = number(env, a[0], "threads");
    if (!(n >= 1 && n <= 4096) || n != static_cast<int>(n)) throw JsError{"qfcn-native: threads must be an integer in 1..4096"};
    // Primitives are cached per thread count (oneDNN splits work by it at creation).
    qfcn::setConfiguredThreads(static_cast<int>(n));
    return undefined(env);
  });
}

const char *isaName(dnnl::cpu_isa isa) {
  switch (isa) {
    case dnnl::cpu_isa::sse41: return "sse41";
    case dnnl::cpu_isa::avx: return "avx";
    case dnnl::cpu_isa::avx2: return "avx2";
    case dnnl::cpu_isa::avx2_vnni: return "avx2_vnni";
    case dnnl::cpu_isa::avx512_core: return "avx512_core";
    case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
    case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
    case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
    default: return "other";
  }
}

// info(): { threads, onednn: 'major.minor.patch', isa }
napi_value Info(napi_env env, napi_callback_info) {
  return guarded(env, [&] {
    napi_value obj, threads, version, isa;
    check(env, napi_create_object(env, &obj), "create_object");
    check(env, napi_create_int32(env, qfcn::configuredThreads(), &threads), "create_int32");
    const dnnl_version_t *v = dnnl_version();
    const std::string ver = std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch);
    check(env, napi_create_string_utf8(env, ver.c_str(), ver.size(), &version), "create_string");
    const char *isaStr = isaName(dnnl::get_effective_cpu_isa());
    check(env, napi_create_string_utf8(env, isaStr, NAPI_AUTO_LENGTH, &isa), "create_string");
    check(env, napi_set_named_property(env, obj, "threads", threads), "set_property");
    check(env, napi_set_named_property(env, obj, "onednn", version), "set_property");
    check(env, napi_set_named_property(env, obj, "isa", isa), "set_property");
    return obj;
  });
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"conv2d", nullptr, Conv2d, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"conv2dBackpropInput", nullptr, Conv2dBackpropInput, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"conv2dBackpropFilter", nullptr, Conv2dBackpropFilter, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"matMul", nullptr, MatMul, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"maxPool", nullptr, MaxPool, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"maxPoolGrad", nullptr, MaxPoolGrad, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"binary", nullptr, Binary, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"unary", nullptr, Unary, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"reduce", nullptr, Reduce, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"slice", nullptr, Slice, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"concatRows", nullptr, ConcatRows, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"tile", nullptr, Tile, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"batchNormGradStats", nullptr, BatchNormGradStats, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"batchNormTraining", nullptr, BatchNormTraining, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"batchNormTrainingGrad", nullptr, BatchNormTrainingGrad, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"batchNorm", nullptr, BatchNorm, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"setThreads", nullptr, SetThreads, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"info", nullptr, Info, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

}  // namespace

NAPI_MODULE_INIT() { return Init(env, exports); }
