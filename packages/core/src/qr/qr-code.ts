import { html, svg, type TemplateResult } from 'lit';
import type { encodeQr } from './qr-encoder.js';

/**
 * QR codes for the widgets (the démarche receipt, the poster), drawn as inline SVG with Lit's
 * `svg` template: one `<rect>` per run of dark modules in a row, no `innerHTML`, no inline style,
 * no data URL, so it passes a strict CSP. Always black on white with the 4-module quiet zone the
 * standard requires, whatever the theme: scanners need it.
 *
 * The encoder (`qr-encoder.ts`, ours: byte mode, levels M and Q, 1.7 KB gzip; it draws the
 * same modules qrcode-generator did, which it replaced) is fetched only when a code is first
 * drawn, so widgets that never draw one never download it: `loadQrCode()` imports it once and
 * resolves to `qrCodeSvg`, which is synchronous from then on, so a `render()` can call it.
 */

let encoder: typeof encodeQr | undefined;
let loading: Promise<typeof encodeQr> | undefined;

export interface QrCodeOptions {
  /**
   * Error correction: `M` (15 % of the code can be lost, the default) for a screen or a receipt;
   * `Q` (25 %) for paper that stays up for months and gets scratched, folded or written on.
   */
  errorCorrection?: 'M' | 'Q';
}

/** Fetches the encoder (once; a failed fetch may be tried again) and resolves to `qrCodeSvg`. */
export function loadQrCode(): Promise<typeof qrCodeSvg> {
  if (!loading) {
    loading = import('./qr-encoder.js').then(
      (m) => (encoder = m.encodeQr),
      (err: unknown) => {
        loading = undefined;
        throw err;
      },
    );
  }
  return loading.then(() => qrCodeSvg);
}

/** True once `loadQrCode()` has resolved: `qrCodeSvg` can then be called. */
export function qrCodeReady(): boolean {
  return encoder !== undefined;
}

/**
 * `text` as a QR code, an `<svg class="qr" part="qr" role="img">` named by `label`. Text is
 * encoded as UTF-8 bytes (what phones expect), so an accented address survives. Needs the
 * encoder: call `loadQrCode()` first (it throws otherwise).
 */
export function qrCodeSvg(text: string, label: string, options: QrCodeOptions = {}): TemplateResult {
  if (!encoder) throw new Error('qrCodeSvg: the QR code generator is not loaded yet (await loadQrCode() first)');
  const modules = encoder(new TextEncoder().encode(text), options.errorCorrection ?? 'M');
  const count = modules.length;
  const margin = 4;
  const size = count + margin * 2;
  const runs = [];
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (!modules[row]![col]) continue;
      const start = col;
      while (col + 1 < count && modules[row]![col + 1]) col++;
      runs.push(svg`<rect x=${start + margin} y=${row + margin} width=${col - start + 1} height="1"></rect>`);
    }
  }
  // The <svg> element itself in an `html` template (Lit's `svg` is for what goes inside one).
  return html`<svg
    class="qr"
    part="qr"
    role="img"
    aria-label=${label}
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${size} ${size}"
    shape-rendering="crispEdges"
    data-modules=${count}
  ><rect width=${size} height=${size} fill="#ffffff"></rect><g fill="#000000">${runs}</g></svg>`;
}
