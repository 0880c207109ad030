// The page in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core;
// nothing downloads a browser) opens the static build with `?sample`, and the instances it finds
// must match `predictImage` + `toInstances` in Node on the same image and the same (bit-packed)
// weights: object Dice >= 0.99, on wasm and on webgl where the headless browser has it.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@qfcn/backend';
import { encodePng, generateSyntheticSample, readImage } from '@qfcn/data';
import { loadModelFrom, predictImage, toInstances, type ToInstancesOptions } from '@qfcn/fcn';
import { objectDice } from '@qfcn/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && existsSync(p),
);
const builtPackages = ['fcn', 'backend', 'data', 'quantize'].every((p) =>
  existsSync(join(here, '..', '..', 'packages', p, 'dist', 'browser.js')),
);
const why = !chromiumPath
  ? 'chromium is not installed (apt-get install chromium, as .ci/run does; or set CHROMIUM_PATH)'
  : !builtPackages
    ? 'the packages are not built (run `pnpm build` first: the page bundles their dist/browser.js)'
    : '';
if (why) console.warn(`browser-segment Chromium test skipped: ${why}`);

const TILE = { tile: 512, overlap: 128 };

/** The Node reference: each member from model.json + .qfcnq, predictImage, mean, toInstances. */
async function nodeReference(sample: string | Awaited<ReturnType<typeof readImage>>) {
  await initBackend('wasm', { check: 'inference', log: false });
  const model = join(here, 'public', 'model');
  const meta = JSON.parse(readFileSync(join(model, 'ensemble.json'), 'utf8')) as {
    members: number;
    instances: ToInstancesOptions;
  };
  const image = typeof sample === 'string' ? await readImage(sample) : sample;
  const n = image.width * image.height;
  const object = new Float32Array(n);
  const contour = new Float32Array(n);
  const t0 = performance.now();
  for (let i = 0; i < meta.members; i++) {
    const m = await loadModelFrom({
      model: JSON.parse(readFileSync(join(model, `member-${i}`, 'model.json'), 'utf8')),
      packed: readFileSync(join(model, `member-${i}.qfcnq`)),
    });
    const p = await predictImage(m, image, TILE);
    for (let j = 0; j < n; j++) {
      object[j] += p.object.data[j] / meta.members;
      contour[j] += p.contour.data[j] / meta.members;
    }
    m.dispose();
  }
  const msPerTile = (performance.now() - t0) / meta.members;
  const { width, height } = image;
  const instances = toInstances(
    { object: { width, height, data: object }, contour: { width, height, data: contour } },
    meta.instances,
  );
  await tf.setBackend('cpu');
  return { instances, msPerTile };
}

describe.skipIf(Boolean(why))('examples/browser-segment in headless Chromium', () => {
  let url = '';
  let close: (() => Promise<void>) | undefined;
  let browser: import('playwright-core').Browser | undefined;
  let reference: Awaited<ReturnType<typeof nodeReference>>;
  const shots = mkdtempSync(join(tmpdir(), 'qfcn-browser-'));

  beforeAll(async () => {
    const { buildSite } = await import('../scripts/build.mjs');
    const { serve } = await import('../scripts/serve.mjs');
    const out = join(shots, 'site');
    await buildSite(out);
    expect(readdirSync(join(out, 'model'))).not.toContain('weights.bin');
    ({ url, close } = await serve(out, 0));
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--ignore-gpu-blocklist',
      ],
    });
    reference = await nodeReference(join(out, 'sample.png'));
    console.info(
      `Node wasm: ${reference.msPerTile.toFixed(0)} ms per member per 512x512 tile; ${reference.instances.count} instances`,
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  async function runPage(backend: string) {
    const page = await browser!.newPage({ viewport: { width: 1100, height: 1000 } });
    const logs: string[] = [];
    page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
    await page.goto(backend === 'auto' ? `${url}?sample` : `${url}?sample&backend=${backend}`);
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.qfcnState ?? ''), undefined, {
      timeout: 240_000,
    });
    const state = await page.evaluate(() => ({
      state: document.body.dataset.qfcnState,
      count: document.body.dataset.qfcnInstances,
      error: document.getElementById('error')?.textContent ?? '',
      backend: window.qfcn?.backend,
      result: window.qfcn?.result
        ? { ...window.qfcn.result, labels: Array.from(window.qfcn.result.labels) }
        : undefined,
      facts: document.getElementById('facts')?.textContent ?? '',
      isolated: globalThis.crossOriginIsolated,
    }));
    const shot = join(shots, `page-${backend}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    await page.close();
    return { ...state, logs, shot };
  }

  function compare(r: Awaited<ReturnType<typeof runPage>>, backend: string) {
    expect(r.state, `${r.error}\n${r.logs.join('\n')}`).toBe('done');
    expect(r.backend).toBe(backend);
    const res = r.result!;
    expect(Number(r.count)).toBe(res.count);
    expect(res.count).toBeGreaterThan(0);
    const browserMap = { width: res.width, height: res.height, data: Int32Array.from(res.labels) };
    const dice = objectDice(browserMap, reference.instances);
    console.info(
      `Chromium ${backend}: ${res.msPerTile.toFixed(0)} ms per member per 512x512 tile (cross-origin isolated: ${r.isolated}); ` +
        `${res.count} instances vs ${reference.instances.count} in Node; object Dice ${dice.toFixed(4)}; screenshot ${r.shot}`,
    );
    expect(dice).toBeGreaterThanOrEqual(0.99);
    expect(r.facts).toMatch(/KiB of 5-bit packed weights for 2 members vs [\d.]+ KiB in float32/);
    expect(r.facts).toMatch(/ms per member per tile on /);
  }

  it('wasm: the sample segments, and its instances match predictImage in Node (object Dice >= 0.99)', async () => {
    compare(await runPage('wasm'), 'wasm');
  }, 300_000);

  it('webgl: the same, where the headless browser has WebGL (skipped with the reason otherwise)', async (ctx) => {
    const r = await runPage('webgl');
    if (r.state === 'error' && /webgl/i.test(r.error)) {
      console.warn(`webgl skipped: ${r.error}`);
      ctx.skip(`no WebGL in this headless Chromium: ${r.error}`);
    }
    compare(r, 'webgl');
  }, 300_000);

  it('auto (the page without ?backend): initBackend picks a backend and says why; it segments the same', async () => {
    const r = await runPage('auto');
    expect(r.state, r.error).toBe('done');
    expect(r.facts).toMatch(/Backend\s*\w+ — auto: /);
    // headless Chromium renders WebGL in software (SwiftShader): auto must skip it for wasm
    if (r.backend === 'wasm') expect(r.facts).toMatch(/webgl: (software-rendered|.*failed|not registered)/);
    compare(r, r.backend!);
  }, 300_000);

  it('a picked 1000x700 image (6 tiles per member, wasm): progress reaches the end, and the instances match Node (object Dice >= 0.99)', async () => {
    const big = generateSyntheticSample({ seed: 'browser-big', width: 1000, height: 700 }).image;
    const file = join(shots, 'big.png');
    writeFileSync(file, encodePng(big));
    const expected = await nodeReference(big);
    const page = await browser!.newPage({ viewport: { width: 1100, height: 1000 } });
    await page.goto(`${url}?backend=wasm`);
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.qfcnState ?? ''), undefined, {
      timeout: 240_000,
    });
    const r = await page.evaluate(() => ({
      state: document.body.dataset.qfcnState,
      error: document.getElementById('error')?.textContent,
      status: document.getElementById('status')?.textContent,
      progress: (document.getElementById('progress') as HTMLProgressElement).value,
      downloads: Array.from(document.querySelectorAll('#downloads a')).map((a) => (a as HTMLAnchorElement).download),
      result: window.qfcn?.result
        ? { ...window.qfcn.result, labels: Array.from(window.qfcn.result.labels) }
        : undefined,
    }));
    await page.screenshot({ path: join(shots, 'page-big.png'), fullPage: true });
    await page.close();
    expect(r.state, r.error ?? '').toBe('done');
    expect(r.progress).toBe(1);
    expect(r.downloads).toEqual(['big-instances.png', 'big-instances.geojson']);
    const res = r.result!;
    expect([res.width, res.height]).toEqual([1000, 700]);
    const dice = objectDice(
      { width: res.width, height: res.height, data: Int32Array.from(res.labels) },
      expected.instances,
    );
    console.info(
      `Chromium wasm, 1000x700: ${res.count} instances vs ${expected.instances.count} in Node; object Dice ${dice.toFixed(4)}`,
    );
    expect(dice).toBeGreaterThanOrEqual(0.99);
  }, 300_000);

  it('a backend that does not exist: the page ends in the error state with a visible message', async () => {
    const r = await runPage('no-such-backend');
    expect(r.state).toBe('error');
    expect(r.error).toMatch(/Failed: .*no-such-backend/);
  }, 120_000);
});
