/**
 * Helpers for component tests in Chromium (web-test-runner). The real server runs for the
 * whole test run (see web-test-runner.config.mjs); these name its URLs and drive the test proxy.
 */
import { expect } from '@open-wc/testing';
import { responseCache } from '@fs-widgets/core';

declare global {
  interface Window {
    FS_TEST_API: string;
  }
}

/** The real server's API, cross-origin (CORS is exercised too). */
export const realApi = (): string => window.FS_TEST_API;

/** The real server's API through the test proxy, whose network a test can cut. */
export const proxiedApi = '/proxy-api/v1';

/** An API answering 503 to everything, for the error state. */
export const unavailableApi = '/__test/status/503/api/v1';

/** An API that never answers, for the loading state. */
export const pendingApi = '/__test/pending/api/v1';

export async function setNetwork(state: 'up' | 'down'): Promise<void> {
  const res = await fetch(`/__test/network?state=${state}`);
  expect(res.ok).to.equal(true);
}

export async function clearOfflineCache(): Promise<void> {
  await responseCache.clear();
}

/** Waits until `predicate` holds (an element settled into a state after network I/O). */
export async function until(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The visible text of an element's shadow root, whitespace collapsed. */
export function shadowText(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Reads a QR code drawn as inline SVG: rasterised on a 400 × 400 canvas, decoded with jsQR (loaded once). */
export async function decodeQr(svgEl: SVGSVGElement): Promise<string | undefined> {
  const w = window as unknown as { jsQR?: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null };
  if (!w.jsQR) {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/jsqr/dist/jsQR.js';
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svgEl)], { type: 'image/svg+xml' }));
  try {
    const img = new Image(400, 400);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 400;
    canvas.height = 400;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0, 400, 400);
    return w.jsQR!(ctx.getImageData(0, 0, 400, 400).data, 400, 400)?.data;
  } finally {
    URL.revokeObjectURL(url);
  }
}
