import type { LabelMap, SegmentationOutput } from '@qfcn/contract';
import { hvTarget } from '@qfcn/data';
import { describe, expect, it } from 'vitest';
import { toInstances } from './toInstances';
import { tuneInstances } from './tuneInstances';

/**
 * Two 5x4 objects touching along a vertical line (columns 0–4 and 5–9 of a 10x4 image), as a network
 * that missed the contour between them would see them: object 0.9 everywhere, contour 0.1 everywhere,
 * and the true hv maps. Their h falls from 1 to −1 across the line: edge energy 0.75 on columns 4–5.
 */
function touchingPair(): { output: SegmentationOutput; truth: LabelMap } {
  const width = 10;
  const height = 4;
  const truth = { width, height, data: Uint8Array.from({ length: 40 }, (_, i) => (i % width < 5 ? 1 : 2)) };
  const map = (v: number) => ({ width, height, data: new Float32Array(40).fill(v) });
  return { output: { object: map(0.9), contour: map(0.1), hv: { width, height, data: hvTarget(truth) } }, truth };
}

const columns = (labels: Int32Array) => Array.from(labels.subarray(0, 10));

describe('toInstances with hv maps', () => {
  it('10x4 touching pair, contour missed: one instance without hvThreshold; with 0.3, seeds on columns 0–3 and 6–9 grow into the two true objects', () => {
    const { output } = touchingPair();
    expect(toInstances(output).count).toBe(1);
    const split = toInstances(output, { hvThreshold: 0.3 });
    expect(split.count).toBe(2);
    for (let y = 0; y < 4; y++) expect(columns(split.data.subarray(y * 10))).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    // above the line's energy (0.75) the line seeds too: one instance again
    expect(toInstances(output, { hvThreshold: 0.8 }).count).toBe(1);
    // the dilate growth uses the same seeds
    expect(toInstances(output, { hvThreshold: 0.3, method: 'dilate' }).count).toBe(2);
  });

  it('bad input: hvThreshold without an hv map, outside [0, 1], an hv map of the wrong length', () => {
    const { output } = touchingPair();
    const { hv: _hv, ...twoMaps } = output;
    expect(() => toInstances(twoMaps, { hvThreshold: 0.3 })).toThrowError(/hvThreshold.*no hv map/);
    expect(() => toInstances(output, { hvThreshold: 1.5 })).toThrowError(/hvThreshold.*\[0, 1\]/);
    const short = { ...output, hv: { width: 10, height: 4, data: new Float32Array(40) } };
    expect(() => toInstances(short, { hvThreshold: 0.3 })).toThrowError(/2\*width\*height = 80/);
  });
});

describe('tuneInstances with hv maps', () => {
  const grid = {
    objectThresholds: [0.5],
    contourThresholds: [0.5],
    minAreas: [0, 16],
    markerThresholds: [],
    splitDepths: [],
  };

  it('the touching pair: the hv stage finds hvThreshold 0.3 (AJI 1, against 0.5 for one merged instance)', () => {
    const { output, truth } = touchingPair();
    const tuned = tuneInstances([{ output, groundTruth: truth }], { ...grid, hvThresholds: [0.3, 0.9] });
    expect(tuned.options).toMatchObject({ hvThreshold: 0.3, objectThreshold: 0.5 });
    expect(tuned.aji).toBe(1);
    // first stage: 2 trials (merged, AJI 20/40); hv stage: 2 thresholds x contour thresholds 0.5 and 1 x 2 areas
    expect(tuned.trials).toHaveLength(2 + 2 * 2 * 2);
    expect(tuned.trials[0]).toMatchObject({ hvThreshold: 0, aji: 0.5 });
  });

  it('outputs without hv maps: no hv stage; invalid candidates refused', () => {
    const { output, truth } = touchingPair();
    const { hv: _hv, ...twoMaps } = output;
    const tuned = tuneInstances([{ output: twoMaps, groundTruth: truth }], grid);
    expect(tuned.trials.every((t) => t.hvThreshold === 0)).toBe(true);
    expect('hvThreshold' in tuned.options).toBe(false);
    expect(() => tuneInstances([{ output, groundTruth: truth }], { ...grid, hvThresholds: [0] })).toThrowError(
      /hvThresholds.*\(0, 1\]/,
    );
  });
});
