import { describe, expect, it, vi } from 'vitest';
import { NativeBackend } from './nativeBackend';

describe('NativeBackend', () => {
  it('counts 2 native runs and 1 fallback of Conv2D, then resets', () => {
    const b = new NativeBackend(2);
    b.recordNative('Conv2D');
    b.recordNative('Conv2D');
    b.recordFallback('Conv2D', 'prelu');
    expect(b.threads).toBe(2);
    expect(b.kernelStats()).toEqual({ Conv2D: { native: 2, fallback: 1, lastFallbackReason: 'prelu' } });
    b.resetKernelStats();
    expect(b.kernelStats()).toEqual({});
  });

  it('kernelStats returns a copy', () => {
    const b = new NativeBackend(1);
    b.recordNative('MaxPool');
    b.kernelStats().MaxPool!.native = 99;
    expect(b.kernelStats().MaxPool!.native).toBe(1);
  });

  it('does not print the cpu backend\'s "install tfjs-node" notice on first write', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const b = new NativeBackend(1);
    b.write(new Float32Array([1]), [1], 'float32');
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
