import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../io/testing/sharedData';
import { glasManifest, glasManifestPath } from './glasManifest';

describe('glasManifest', () => {
  it('331 entries: 165 images, 165 annotations and Grade.csv (6997 bytes)', () => {
    const m = glasManifest();
    expect(m.length).toBe(331);
    expect(m.filter((e) => /^(train|testA|testB)_\d+\.bmp$/.test(e.name)).length).toBe(165);
    expect(m.filter((e) => /_anno\.bmp$/.test(e.name)).length).toBe(165);
    expect(m.find((e) => e.name === 'Grade.csv')).toEqual({
      name: 'Grade.csv',
      size: 6997,
      sha256: 'e4bdd74aabd7725467b67169fe32e066dcad085c45a5c082dc221aeccc1f6b84',
    });
  });

  it('per split: train 85, testA 60, testB 20 images; 151 of the 165 images are 775x522 (1,215,270 bytes)', () => {
    const m = glasManifest().filter((e) => !e.name.includes('_anno') && e.name.endsWith('.bmp'));
    expect(['train_', 'testA_', 'testB_'].map((p) => m.filter((e) => e.name.startsWith(p)).length)).toEqual([
      85, 60, 20,
    ]);
    expect(m.filter((e) => e.size === 1215270).length).toBe(151);
  });

  it('is read from the package assets/ folder', () => {
    expect(glasManifestPath()).toMatch(/packages\/data\/assets\/GLAS_SHA256_MANIFEST\.tsv$/);
  });

  const shared = sharedPath('glas', 'GLAS_SHA256_MANIFEST.tsv');
  it.skipIf(!existsSync(shared))(
    `is byte for byte the manifest in ../shared/glas${existsSync(shared) ? '' : ` (skipped: ${shared} not present)`}`,
    () => {
      expect(readFileSync(glasManifestPath()).equals(readFileSync(shared))).toBe(true);
    },
  );
});
