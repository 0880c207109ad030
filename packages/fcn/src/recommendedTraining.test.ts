import type { Sample } from '@qfcn/contract';
import { HE_AUGMENTATION } from '@qfcn/data';
import { describe, expect, it } from 'vitest';
import { recommendedTraining } from './recommendedTraining';
import { learningRateAt } from './learningRateAt';

/** A w x h sample whose label holds `count` square objects of side `side`. */
function squares(count: number, side: number, w = 200, h = 200): Sample {
  const data = new Int32Array(w * h);
  for (let k = 0; k < count; k++) {
    const x0 = (k * (side + 2)) % (w - side);
    const y0 = Math.floor((k * (side + 2)) / (w - side)) * (side + 2);
    for (let y = y0; y < y0 + side; y++) for (let x = x0; x < x0 + side; x++) data[y * w + x] = k + 1;
  }
  return {
    id: `s${count}`,
    image: { width: w, height: h, channels: 3, data: new Uint8Array(w * h * 3) },
    label: { width: w, height: h, data },
  };
}

describe('recommendedTraining', () => {
  it('11 nuclei-sized tiles (10 px objects): 2000 steps, cosine with 100 warm-up, contour band 1, ~100 steps an epoch', () => {
    const samples = Array.from({ length: 11 }, () => squares(20, 10));
    const r = recommendedTraining(samples);
    expect(r).toMatchObject({
      steps: 2000,
      crop: 128,
      batchSize: 4,
      learningRate: 2e-3,
      schedule: { warmupSteps: 100, decay: 'cosine', minLearningRate: 1e-5 },
      objectDiceWeight: 1,
      contourThickness: 1,
      contourPositiveWeight: 3,
      selectBy: 'aji',
    });
    expect(r.augment).toBe(HE_AUGMENTATION);
    // round(400 / 11) = 36 crops per image → ceil(396 / 4) = 99 steps an epoch → validate every 2 epochs
    expect(r.cropsPerImage).toBe(36);
    expect(r.validateEvery).toBe(2);
  });

  it('gland-sized objects (60 px squares, diameter 67.7 px): contour band 2', () => {
    expect(recommendedTraining([squares(4, 60)]).contourThickness).toBe(2);
  });

  it('with INQ (2 epochs a step): whole float epochs decaying to 1e-5, the best float weights restored at epoch 6, INQ at a tenth', () => {
    const samples = Array.from({ length: 11 }, () => squares(20, 10));
    const r = recommendedTraining(samples, { steps: 500, inq: { epochsPerStep: 2 } });
    // 99 steps an epoch: 500 steps → 6 float epochs (594 steps) + 8 INQ epochs
    expect(r.steps).toBeUndefined();
    expect(r.epochs).toBe(14);
    expect(r.schedule).toMatchObject({ decaySteps: 594, minLearningRate: 1e-5, afterDecayLearningRate: 2e-4 });
    expect(r).toMatchObject({ selectBy: 'aji', restoreBestAt: 6 });
  });

  it('INQ of 8 images (100 steps an epoch): the float phase has the float recipe rates step for step', () => {
    const samples = Array.from({ length: 8 }, () => squares(20, 10));
    const float = recommendedTraining(samples);
    const inq = recommendedTraining(samples, { inq: { epochsPerStep: 2 } });
    expect(inq.epochs).toBe(28);
    for (const step of [0, 99, 100, 1000, 1999]) {
      expect(learningRateAt(step, 2800, 2e-3, inq.schedule)).toBe(learningRateAt(step, 2000, 2e-3, float.schedule));
    }
    expect(learningRateAt(1999, 2000, 2e-3, float.schedule)).toBeCloseTo(1e-5, 12);
    expect([2000, 2799].map((s) => learningRateAt(s, 2800, 2e-3, inq.schedule))).toEqual([2e-4, 2e-4]);
    // a rate of INQ's own: the float phase is unchanged
    const gentle = recommendedTraining(samples, { inq: { epochsPerStep: 2, learningRate: 2e-5 } });
    for (const step of [0, 1000, 1999]) {
      expect(learningRateAt(step, 2800, 2e-3, gentle.schedule)).toBe(learningRateAt(step, 2800, 2e-3, inq.schedule));
    }
    expect([2000, 2799].map((s) => learningRateAt(s, 2800, 2e-3, gentle.schedule))).toEqual([2e-5, 2e-5]);
  });

  it('epochs 3 instead of steps (6 images, batch 2): one crop per image, 3 epochs of 3 steps, validation every round(200/3) = 67 epochs, i.e. at the end', () => {
    const samples = Array.from({ length: 6 }, () => squares(20, 10));
    const r = recommendedTraining(samples, { epochs: 3, batchSize: 2 });
    expect(r).toMatchObject({ epochs: 3, cropsPerImage: 1, validateEvery: 67 });
    expect(r.steps).toBeUndefined();
    // 9 steps in all: warm-up 0
    expect(r.schedule?.warmupSteps).toBe(0);
  });

  it('rejects no samples, steps 0, lr 0, INQ epochs 0, INQ lr 0', () => {
    expect(() => recommendedTraining([])).toThrow(/empty dataset/);
    expect(() => recommendedTraining([squares(1, 5)], { steps: 0 })).toThrow(/steps/);
    expect(() => recommendedTraining([squares(1, 5)], { learningRate: 0 })).toThrow(/learningRate/);
    expect(() => recommendedTraining([squares(1, 5)], { inq: { epochsPerStep: 0 } })).toThrow(/epochsPerStep/);
    expect(() => recommendedTraining([squares(1, 5)], { inq: { epochsPerStep: 2, learningRate: 0 } })).toThrow(
      /inq\.learningRate/,
    );
  });
});
