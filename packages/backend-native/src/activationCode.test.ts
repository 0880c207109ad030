import { describe, expect, it } from 'vitest';
import { activationCode } from './activationCode';

describe('activationCode', () => {
  it('maps the six fusable tfjs activations to the addon codes 0..5', () => {
    expect(['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu'].map(activationCode)).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('undefined (no activation) is linear', () => {
    expect(activationCode(undefined)).toBe(0);
  });
  it('prelu and unknown names are not fusable', () => {
    expect(activationCode('prelu')).toBeNull();
    expect(activationCode('gelu')).toBeNull();
  });
});
