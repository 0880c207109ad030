import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@qfcn/contract';
import { resolveOptions } from './options';
import { suggestingBudget } from './runSuggestion';
import { trainingPlan } from './trainMembers';

const tiny = { steps: 400, inqSteps: 100, batchSize: 4 };

describe('suggestingBudget', () => {
  it('halves the budget for the default round from half the budget (12 of 24 images)', () => {
    expect(suggestingBudget(tiny, 12, 24)).toEqual({ steps: 200, inqSteps: 50 });
  });

  it('gives the whole budget at the budget, and never more', () => {
    expect(suggestingBudget(tiny, 24, 24)).toEqual({ steps: 400, inqSteps: 100 });
    expect(suggestingBudget(tiny, 30, 24)).toEqual({ steps: 400, inqSteps: 100 });
  });

  it('keeps at least 4 INQ steps and 4 float steps (1 of 24 images)', () => {
    // 100 / 24 = 4.17 -> 4 INQ steps; 400 / 24 = 16.7 -> 17 steps.
    expect(suggestingBudget(tiny, 1, 24)).toEqual({ steps: 17, inqSteps: 4 });
    expect(suggestingBudget({ steps: 40, inqSteps: 10 }, 1, 24)).toEqual({ steps: 8, inqSteps: 4 });
  });

  it('uses --suggest-steps as given, a quarter of it INQ', () => {
    expect(suggestingBudget({ ...tiny, suggestSteps: 400 }, 12, 24)).toEqual({ steps: 400, inqSteps: 100 });
    expect(suggestingBudget({ ...tiny, suggestSteps: 10 }, 12, 24)).toEqual({ steps: 10, inqSteps: 4 });
  });

  it('gives each image as many crops as a final FCN of the annotated set', () => {
    const final = trainingPlan(tiny, 24);
    const suggesting = trainingPlan({ ...tiny, ...suggestingBudget(tiny, 12, 24) }, 12);
    expect(final.totalSteps).toBe(408); // 4 crops/image, 24 steps/epoch, 13 + 4 epochs
    expect(suggesting.totalSteps).toBe(204); // 4 crops/image, 12 steps/epoch, 13 + 4 epochs
    expect((suggesting.totalSteps * 4) / 12).toBe((final.totalSteps * 4) / 24);
  });
});

describe('resolveOptions suggestSteps', () => {
  it('is unset by default (proportional) and kept when valid', () => {
    expect(resolveOptions({}).suggestSteps).toBeUndefined();
    expect(resolveOptions({ suggestSteps: 400 }).suggestSteps).toBe(400);
  });

  it.each([7, 0, 12.5, Number.NaN])('rejects --suggest-steps %s naming the flag', (v) => {
    expect(() => resolveOptions({ suggestSteps: v })).toThrow(InvalidArgumentError);
    expect(() => resolveOptions({ suggestSteps: v })).toThrow(/--suggest-steps.*integer ≥ 8/);
  });
});
