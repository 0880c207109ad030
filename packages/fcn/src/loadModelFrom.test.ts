import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@qfcn/backend';
import { packModel } from '@qfcn/quantize/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FcnEnsemble } from './FcnEnsemble';
import { FcnEnsemble as BrowserFcnEnsemble } from './inference/FcnEnsemble';
import { FcnModel } from './FcnModel';
import { loadModelFrom } from './loadModelFrom';
import { predictImage } from './predictImage';
import { discSamples } from './test';

beforeAll(async () => {
  await initBackend('cpu', { log: false, check: 'none' });
});

const options = { widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4 } as const;
const tiles = { tile: 16, overlap: 4 };

async function savedEnsemble() {
  const members = [FcnModel.create({ ...options, seed: 1 }, tiles), FcnModel.create({ ...options, seed: 2 }, tiles)];
  const dir = join(mkdtempSync(join(tmpdir(), 'qfcn-lmf-')), 'ens');
  const files = Object.fromEntries(members.map((m, i) => [`member-${i}.qfcnq`, packModel(m.model)]));
  const ensemble = new FcnEnsemble(members, [], { objectThreshold: 0.4 });
  await ensemble.save(dir, { files });
  return { dir, ensemble };
}

describe('loadModelFrom / FcnEnsemble.from (URLs, bytes, Files; packed weights)', () => {
  it('model.json + weights.bin as Files, and model.json + .qfcnq bytes, predict exactly as the original', async () => {
    const { dir, ensemble } = await savedEnsemble();
    const image = discSamples(1, { size: 24, seed: 7 })[0]!.image;
    const expected = await predictImage(ensemble.members[0]!.model, image, tiles);
    const json = readFileSync(join(dir, 'member-0', 'model.json'));
    const viaFiles = await loadModelFrom({
      model: new File([json], 'model.json'),
      weights: [new File([readFileSync(join(dir, 'member-0', 'weights.bin'))], 'weights.bin')],
    });
    const viaPacked = await loadModelFrom({
      model: JSON.parse(json.toString('utf8')),
      packed: readFileSync(join(dir, 'member-0.qfcnq')),
    });
    for (const model of [viaFiles, viaPacked]) {
      const got = await predictImage(model, image, tiles);
      expect(Array.from(got.object.data)).toEqual(Array.from(expected.object.data));
      model.dispose();
    }
    ensemble.dispose();
  });

  it('FcnEnsemble.from(folder URL, { packed }) over http: the same mean prediction and fitted instances; a missing member file names its URL', async () => {
    const { dir, ensemble } = await savedEnsemble();
    const server = createServer((req, res) => {
      try {
        res.end(readFileSync(join(dir, decodeURIComponent(req.url!.replace(/^\/m\//, '')))));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/m/`;
    try {
      const image = discSamples(1, { size: 24, seed: 3 })[0]!.image;
      const expected = await ensemble.predict(image);
      const seen: number[] = [];
      for (const loaded of [
        await BrowserFcnEnsemble.from(url, { packed: true, tileOptions: tiles, onMember: (n) => seen.push(n) }),
        await FcnEnsemble.from(url, { tileOptions: tiles }),
      ]) {
        expect(loaded.size).toBe(2);
        expect(loaded.instances).toEqual({ objectThreshold: 0.4 });
        const got = await loaded.predict(image);
        expect(Array.from(got.object.data)).toEqual(Array.from(expected.object.data));
        loaded.dispose();
      }
      expect(seen).toEqual([1, 2]);
      await expect(FcnEnsemble.from(`${url}nothing/`)).rejects.toThrow(/nothing\/ensemble\.json failed: HTTP 404/);
    } finally {
      server.close();
      ensemble.dispose();
    }
  });

  it('a packed file of another architecture is refused before anything is set', async () => {
    const { dir, ensemble } = await savedEnsemble();
    const other = FcnModel.create({ ...options, stages: 3, seed: 1 });
    const json = JSON.parse(readFileSync(join(dir, 'member-0', 'model.json'), 'utf8'));
    await expect(loadModelFrom({ model: json, packed: packModel(other.model) })).rejects.toThrow();
    other.dispose();
    ensemble.dispose();
    expect(tf.memory().numTensors).toBeGreaterThanOrEqual(0);
  });
});
