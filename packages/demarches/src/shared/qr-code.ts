import { svg } from 'lit';
import qrcode from 'qrcode-generator';

/**
 * A QR code as inline SVG made with Lit's `svg` (one `<rect>` per run of dark modules in a
 * row): no `innerHTML`, no inline style, no data URL, so it passes a strict CSP. Always black on
 * white with the 4-module quiet zone the standard requires, whatever the theme: scanners need it.
 * Level M (15 % redundancy) suits a printed receipt.
 */
export function qrCodeSvg(text: string, label: string) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const count = qr.getModuleCount();
  const margin = 4;
  const size = count + margin * 2;
  const runs = [];
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (!qr.isDark(row, col)) continue;
      const start = col;
      while (col + 1 < count && qr.isDark(row, col + 1)) col++;
      runs.push(svg`<rect x=${start + margin} y=${row + margin} width=${col - start + 1} height="1"></rect>`);
    }
  }
  return svg`<svg
    class="qr"
    part="qr"
    role="img"
    aria-label=${label}
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${size} ${size}"
    shape-rendering="crispEdges"
  ><rect width=${size} height=${size} fill="#ffffff"></rect><g fill="#000000">${runs}</g></svg>`;
}
