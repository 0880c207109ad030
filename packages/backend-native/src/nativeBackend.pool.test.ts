import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from './nativeBackend';
import { nativeBackend, nativeBuilt, setupNative, skipReason } from './testing/nativeSuite';

describe(`NativeBackend buffer pool${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) {
      await setupNative();
      await tf.setBackend('qfcn-native');
    }
  });

  it.skipIf(!nativeBuilt)('a disposed kernel output of 1000 floats is reused for the next output of that size', () => {
    const x = tf.ones([1000]);
    const y = tf.relu(x);
    const array = nativeBackend().data.get(y.dataId)!.values;
    y.dispose();
    const { reused } = nativeBackend().poolStats();
    const z = tf.relu(x);
    expect(nativeBackend().poolStats().reused).toBe(reused + 1);
    expect(nativeBackend().data.get(z.dataId)!.values).toBe(array);
    expect(Array.from(z.dataSync()).every((v) => v === 1)).toBe(true);
    tf.dispose([x, z]);
  });

  it.skipIf(!nativeBuilt)(
    'an array read out with dataSync is never recycled: it keeps its values after dispose',
    () => {
      const x = tf.fill([1001], 2);
      const y = tf.relu(x);
      const seen = y.dataSync();
      y.dispose();
      const z = tf.neg(x);
      expect(nativeBackend().data.get(z.dataId)!.values).not.toBe(seen);
      expect(seen[0]).toBe(2);
      tf.dispose([x, z]);
    },
  );

  it.skipIf(!nativeBuilt)(
    'a cpu view (contiguous slice) keeps its parent buffer out of the pool until both are disposed',
    () => {
      const x = tf.fill([4, 250], 3);
      const parent = tf.relu(x);
      const view = tf.slice(parent, [1, 0], [2, 250]); // contiguous rows: the cpu kernel returns a subarray
      const buffer = (nativeBackend().data.get(parent.dataId)!.values as Float32Array).buffer;
      expect((nativeBackend().data.get(view.dataId)!.values as Float32Array).buffer).toBe(buffer);
      parent.dispose();
      const other = tf.neg(x); // same length as parent: must not get its buffer while the view lives
      expect((nativeBackend().data.get(other.dataId)!.values as Float32Array).buffer).not.toBe(buffer);
      expect(view.dataSync()[0]).toBe(3);
      tf.dispose([x, view, other]);
    },
  );

  it.skipIf(!nativeBuilt)('releasePool empties the pool', () => {
    tf.dispose(tf.relu(tf.ones([1002])));
    expect(nativeBackend().poolStats().pooledBytes).toBeGreaterThan(0);
    nativeBackend().releasePool();
    expect(nativeBackend().poolStats().pooledBytes).toBe(0);
  });
});

describe('NativeBackend buffer pool cap (no addon needed)', () => {
  it('cap 8000 bytes: buffers of the least recently used size are dropped first', () => {
    const b = new NativeBackend(1, { poolBytes: 8000 });
    const release = (length: number) => {
      const id = b.write(b.alloc(length), [length], 'float32');
      b.disposeData(id);
    };
    release(1000); // 4000 bytes of size 1000
    release(500); // 2000 bytes of size 500
    expect(b.poolStats().pooledBytes).toBe(6000);
    release(750); // 3000 more: over 8000, so size 1000 (least recent) goes
    expect(b.poolStats().pooledBytes).toBe(5000);
    const reusedBefore = b.poolStats().reused;
    b.alloc(500);
    b.alloc(1000);
    expect(b.poolStats().reused).toBe(reusedBefore + 1);
  });

  it('poolBytes 0 disables pooling', () => {
    const b = new NativeBackend(1, { poolBytes: 0 });
    b.disposeData(b.write(b.alloc(10), [10], 'float32'));
    expect(b.poolStats()).toEqual({ reused: 0, allocated: 1, pooledBytes: 0, capBytes: 0 });
  });
});
