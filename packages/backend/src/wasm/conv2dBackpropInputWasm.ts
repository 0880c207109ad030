import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { UnsupportedKernelCaseError } from '../errors';
import { WasmOps } from './wasmOps';
import { kernelFunc } from '../internal/kernelFunc';

/** How one output phase `r` (rows `q·s + r`) of one spatial axis is computed. */
interface AxisPhase {
  /** Filter taps `rp, rp + s, ...` contribute; `taps` of them (0: the phase gets no contribution). */
  readonly rp: number;
  readonly taps: number;
  /** `dy` rows `[start, end)` are read, with `padBefore` / `padAfter` zeros around them. */
  readonly start: number;
  readonly end: number;
  readonly padBefore: number;
  readonly padAfter: number;
}

/**
 * Splits one axis of a transposed convolution into its `stride` output phases.
 *
 * For input row `i = q·s + r` the forward convolution `y[o] = Σ_k x[o·s + k − top]·W[k]` gives
 * `dx[i] = Σ_k dy[o]·W[k]` over `o·s + k − top = i`, i.e. `k ≡ r + top (mod s)`. With
 * `rp = (r + top) mod s`, `c = ⌊(r + top)/s⌋` and `taps = ⌈(K − rp)/s⌉`, that is a stride-1
 * correlation of `dy` with the reversed sub-filter `W[rp::s]`, `taps − 1 − c` zeros before `dy` and
 * `q_count + c − outSize` after it (negative amounts crop `dy` instead).
 */
function axisPhases(stride: number, filter: number, top: number, outSize: number, phaseLength: number): AxisPhase[] {
  const phases: AxisPhase[] = [];
  for (let r = 0; r < stride; r++) {
    const rp = (r + top) % stride;
    const c = Math.floor((r + top) / stride);
    const taps = rp < filter ? Math.ceil((filter - rp) / stride) : 0;
    const before = taps - 1 - c;
    const after = phaseLength + c - outSize;
    phases.push({
      rp,
      taps,
      start: Math.max(0, -before),
      end: outSize + Math.min(0, after),
      padBefore: Math.max(0, before),
      padAfter: Math.max(0, after),
    });
  }
  return phases;
}

/**
 * `Conv2DBackpropInput` (the input gradient of `conv2d`, and the forward pass of
 * `conv2dTranspose`) for the wasm backend, replacing wasm's own direct loop (~10× slower than its
 * forward convolution) with XNNPACK forward convolutions.
 *
 * Details: stride 1 is one forward convolution of `dy` with the filter rotated 180° and its in/out
 * channels swapped, padded `K − 1 − pad`. Stride `s > 1` is split into `s×s` output phases
 * ("sub-pixel" decomposition): each phase is a stride-1 convolution of `dy` with the taps of the
 * filter that reach it, so no multiplications by inserted zeros are done; the phases are then
 * interleaved into the output by JS block moves on the wasm heap (wasm's 6-D transpose with
 * 2-element inner axes is ~10× slower). This covers the
 * FCN's `conv2dTranspose` (4×4, stride 2, `'same'`) at full speed. With fewer than 8 input
 * channels (the RGB layer), `dx` is instead one tall matmul `dy · Wᵀ` followed by col2im, since
 * XNNPACK convolutions with so few output channels run at a fraction of their speed. Every
 * intermediate is disposed.
 *
 * Supports any stride, `'same'` / `'valid'` / explicit padding up to `filterSize − 1` per side,
 * NHWC. Throws `UnsupportedKernelCaseError` for NCHW or larger padding.
 */
export function conv2dBackpropInputWasm(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropInputAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  if (format !== 'channelsLast') {
    throw new UnsupportedKernelCaseError(Conv2DBackpropInput, `dataFormat '${dataFormat}' (only NHWC)`);
  }
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    format,
  );
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outChannels: co } = info;
  const { outHeight: oh, outWidth: ow, filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { top, bottom, left, right } = info.padInfo;
  for (const [side, value, k] of [
    ['top', top, kh],
    ['bottom', bottom, kh],
    ['left', left, kw],
    ['right', right, kw],
  ] as const) {
    if (value < 0 || value > k - 1) {
      throw new UnsupportedKernelCaseError(
        Conv2DBackpropInput,
        `${side} padding ${value} outside [0, ${k - 1}] for a ${kh}×${kw} filter`,
      );
    }
  }
  if (dy.shape[1] !== oh || dy.shape[2] !== ow || dy.shape[3] !== co) {
    throw new UnsupportedKernelCaseError(
      Conv2DBackpropInput,
      `dy shape [${dy.shape}] does not match the convolution output [${n},${oh},${ow},${co}]`,
    );
  }

  if (ci < COL2IM_MAX_CHANNELS)
    return col2imBackpropInput(backend, dy, filter, { n, h, w, ci, co, oh, ow, kh, kw, sh, sw, top, left });

  const qh = Math.ceil(h / sh);
  const qw = Math.ceil(w / sw);
  const rows = axisPhases(sh, kh, top, oh, qh);
  const cols = axisPhases(sw, kw, left, ow, qw);

  const ops = new WasmOps(backend);
  try {
    const phaseOutputs: Array<TensorInfo | null> = [];
    for (const ph of rows) {
      for (const pw of cols) {
        if (ph.taps === 0 || pw.taps === 0 || ph.end <= ph.start || pw.end <= pw.start) {
          phaseOutputs.push(null); // no filter tap reaches this phase: zeros
          continue;
        }
        // Sub-filter W[rp::s, rp::s], rotated 180° and with in/out channels swapped: [th, tw, co, ci].
        const rotated = ops.makeOutput([ph.taps, pw.taps, co, ci]);
        rotateSubFilter(ops.heap(), ops.offset(filter), ops.offset(rotated), ph, pw, { kw, ci, co, sh, sw });
        let src = dy;
        if (ph.start > 0 || ph.end < oh || pw.start > 0 || pw.end < ow) {
          src = ops.stridedSlice(
            dy,
            [0, ph.start, pw.start, 0],
            [n, ph.end - ph.start, pw.end - pw.start, co],
            [1, 1, 1, 1],
          );
        }
        phaseOutputs.push(ops.conv2d(src, rotated, [ph.padBefore, ph.padAfter, pw.padBefore, pw.padAfter]));
      }
    }
    let out: TensorInfo;
    if (sh === 1 && sw === 1) {
      out = phaseOutputs[0]!;
    } else {
      out = ops.makeOutput([n, h, w, ci]);
      const heap = ops.heap();
      const base = ops.offset(out);
      phaseOutputs.forEach((phase, k) => {
        const rh = Math.floor(k / sw);
        const rw = k % sw;
        interleavePhase(heap, phase == null ? -1 : ops.offset(phase), base, rh, rw, { n, h, w, ci, qh, qw, sh, sw });
      });
    }
    ops.disposeAllBut(out);
    return out;
  } catch (error) {
    ops.disposeAll();
    throw error;
  }
}

/** Below this many input channels, `dx` is computed by matmul + col2im (XNNPACK convolutions with
 * 1–7 output channels waste most of their 8-wide tiles; the RGB input layer has 3). */
const COL2IM_MAX_CHANNELS = 8;

/**
 * `dx` for few input channels: `cols = dy · Wᵀ` (`[n·oh·ow, kh·kw·ci]`, one tall XNNPACK matmul),
 * then each pixel's `kh·kw` patches are added back where they came from (col2im, JS on the heap).
 */
function col2imBackpropInput(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  g: {
    n: number;
    h: number;
    w: number;
    ci: number;
    co: number;
    oh: number;
    ow: number;
    kh: number;
    kw: number;
    sh: number;
    sw: number;
    top: number;
    left: number;
  },
): TensorInfo {
  const { n, h, w, ci, co, oh, ow, kh, kw, sh, sw, top, left } = g;
  const ops = new WasmOps(backend);
  try {
    const patch = kh * kw * ci;
    const wT = ops.transpose(ops.reshape(filter, [patch, co]), [1, 0]);
    const cols = ops.matMul(ops.reshape(dy, [n * oh * ow, co]), wT);
    const out = ops.makeOutput([n, h, w, ci]);
    const heap = ops.heap();
    const src = ops.offset(cols);
    const dst = ops.offset(out);
    heap.fill(0, dst, dst + n * h * w * ci);
    let p = src;
    for (let b = 0; b < n; b++) {
      for (let y = 0; y < oh; y++) {
        for (let x = 0; x < ow; x++, p += patch) {
          for (let i = 0; i < kh; i++) {
            const r = y * sh + i - top;
            if (r < 0 || r >= h) continue;
            for (let j = 0; j < kw; j++) {
              const c = x * sw + j - left;
              if (c < 0 || c >= w) continue;
              const d = dst + ((b * h + r) * w + c) * ci;
              const q = p + (i * kw + j) * ci;
              for (let k = 0; k < ci; k++) heap[d + k]! += heap[q + k]!;
            }
          }
        }
      }
    }
    ops.disposeAllBut(out);
    return out;
  } catch (error) {
    ops.disposeAll();
    throw error;
  }
}

/**
 * Writes `out[a, b, o, i] = W[(th − 1 − a)·sh + rh', (tw − 1 − b)·sw + rw', i, o]` for the phase's
 * `th × tw` taps: the sub-filter reaching one output phase, rotated 180°, channels swapped.
 */
function rotateSubFilter(
  heap: Float32Array,
  src: number,
  dst: number,
  ph: AxisPhase,
  pw: AxisPhase,
  g: { kw: number; ci: number; co: number; sh: number; sw: number },
): void {
  const { kw, ci, co, sh, sw } = g;
  let d = dst;
  for (let a = 0; a < ph.taps; a++) {
    const i = (ph.taps - 1 - a) * sh + ph.rp;
    for (let b = 0; b < pw.taps; b++) {
      const j = (pw.taps - 1 - b) * sw + pw.rp;
      const tap = src + (i * kw + j) * ci * co;
      for (let o = 0; o < co; o++) {
        for (let c = 0; c < ci; c++) heap[d++] = heap[tap + c * co + o]!;
      }
    }
  }
}

/**
 * Copies phase `(rh, rw)` (`[n, qh, qw, ci]` at heap index `src`, or zeros when `src < 0`) to
 * rows `q·sh + rh`, columns `p·sw + rw` of the `[n, h, w, ci]` output at `dst`, dropping what
 * falls past `h` / `w`.
 */
function interleavePhase(
  heap: Float32Array,
  src: number,
  dst: number,
  rh: number,
  rw: number,
  g: { n: number; h: number; w: number; ci: number; qh: number; qw: number; sh: number; sw: number },
): void {
  const { n, h, w, ci, qh, qw, sh, sw } = g;
  const cols = Math.min(qw, Math.ceil((w - rw) / sw));
  const rowsUsed = Math.min(qh, Math.ceil((h - rh) / sh));
  for (let b = 0; b < n; b++) {
    for (let q = 0; q < rowsUsed; q++) {
      let d = dst + ((b * h + q * sh + rh) * w + rw) * ci;
      let s = src + (b * qh + q) * qw * ci;
      const step = sw * ci;
      for (let p = 0; p < cols; p++, d += step, s += ci) {
        if (src < 0) heap.fill(0, d, d + ci);
        else if (ci >= 16) heap.copyWithin(d, s, s + ci);
        else for (let c = 0; c < ci; c++) heap[d + c] = heap[s + c]!;
      }
    }
  }
}

/** Kernel registration entry for `tf.registerKernel`. */
export const conv2dBackpropInputWasmConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: kernelFunc(conv2dBackpropInputWasm),
};
