/**
 * `<fs-poster>` printed by a real Chromium (Debian's, through puppeteer-core) from a page served
 * by the real server's origin: the PDF has exactly one A4 page in every margin setting, for Mende
 * with many local partners and for the list's longest week and longest name, the QR code and the
 * footer never cut; the QR code read back from a screenshot with jsQR is the site's short page.
 *
 * The widget is bundled from its sources with esbuild (about 0.3 s) rather than by building the
 * whole repository (`npm run build`, which the server's `/widgets/` needs: ~20 s, and a stale
 * `dist/` would test old code). The test page and the bundle are answered by request
 * interception on the server's origin, so the widget finds the API on its own page's origin as
 * on a town hall's site, and the page is served with a strict CSP.
 *
 * Set FS_POSTER_ARTIFACTS=<dir> to keep the PDFs and the screenshot.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/test/chromium.mjs';
import { createToken } from '../../server/src/index.js';
import { startTestServer, type TestServer } from '../../server/test/test-server.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const ARTIFACTS = process.env.FS_POSTER_ARTIFACTS;
const SITE = '2983'; // France services de Mende

/** A page printing the poster alone: the page rule (a shadow root cannot carry it), no body margin. */
const PAGE_12MM = `@page { size: A4 portrait; margin: 12mm; }
body { margin: 0; }
@media screen { body { margin: 16px; } }`;

/** The same edge to edge, as the `/embed/fs-poster` page prints it (`@page { margin: 0 }`). */
const PAGE_EDGE = `@page { size: A4; margin: 0; }
body { margin: 0; }`;

const page = (css: boolean, site: string) => `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <title>Affiche France services</title>
    ${css ? '<link rel="stylesheet" href="/__poster.css" />' : ''}
    <script type="module" src="/__poster.js"></script>
  </head>
  <body>
    <fs-poster site-id="${site}"></fs-poster>
  </body>
</html>`;

let server: TestServer;
let browser: Browser;
let profile: string;
let bundle: string;

before(async () => {
  const [started, built] = await Promise.all([
    startTestServer(),
    build({
      entryPoints: [join(REPO, 'packages/kit/src/poster/poster.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions: ['source', 'production', 'browser'],
      // Lit's decorators: the repository's settings (tsconfig.base.json).
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
      logLevel: 'silent',
    }),
  ]);
  server = started;
  bundle = built.outputFiles[0]!.text;
  await addLocalPartners();
  // The two most crowded sheets also print the closures of the next two months (issue 16).
  for (const site of ['1892', '2136']) await addClosures(site);
  profile = mkdtempSync(join(tmpdir(), 'fs-poster-chromium-'));
  browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS, userDataDir: profile });
  if (ARTIFACTS) mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/**
 * What a busy site's agents may have written (through the real routes, with an agent token):
 * three local partners with long names and five permanences, one more than the poster shows,
 * so the test proves the fullest poster still fits its page.
 */
async function addLocalPartners(): Promise<void> {
  const { token } = await createToken(server.db, { role: 'agent', siteId: SITE, label: 'poster print test' });
  const post = async (path: string, body: object): Promise<{ id: string }> => {
    const res = await server.get(`/api/v1/sites/${SITE}/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()) as { id: string };
  };
  const key = (n: number) => `poster-print-test-${String(n).padStart(4, '0')}`;
  const youth = await post('local-partners', { key: key(1), name: 'Mission locale Lozère – antenne de Mende (exemple)' });
  const conciliator = await post('local-partners', { key: key(2), name: 'Conciliateur de justice du canton de Mende (exemple)' });
  const adil = await post('local-partners', { key: key(3), name: 'Agence départementale d’information sur le logement (exemple)' });
  const weekly = (days: string[]) => ({ freq: 'weekly', days, interval: 1 });
  await post('permanences', {
    key: key(4),
    local_partner_id: youth.id,
    recurrence: { freq: 'monthly', day: 'tu', nth: [2, 4] },
    opens: '09:00',
    closes: '12:00',
    by_appointment: true,
  });
  await post('permanences', {
    key: key(5),
    partner: 'caf',
    recurrence: weekly(['th']),
    opens: '14:00',
    closes: '16:30',
    by_appointment: false,
  });
  await post('permanences', {
    key: key(6),
    local_partner_id: adil.id,
    recurrence: weekly(['mo']),
    opens: '13:30',
    closes: '16:30',
    by_appointment: false,
  });
  await post('permanences', {
    key: key(7),
    partner: 'finances-publiques',
    recurrence: weekly(['we']),
    opens: '09:00',
    closes: '11:30',
    by_appointment: true,
  });
  await post('permanences', { key: key(8), local_partner_id: conciliator.id, recurrence: { freq: 'appointment' }, by_appointment: true });
}

/** The local date in Paris, `plus` days from today (`YYYY-MM-DD`). */
function parisDate(plus: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + plus);
  return date.toISOString().slice(0, 10);
}

/**
 * Three closures and exceptional hours within the next two months (the poster prints the first
 * two), with long reasons: the fullest posters must still take one page (issue 16).
 */
async function addClosures(site: string): Promise<void> {
  const { token } = await createToken(server.db, { role: 'agent', siteId: site, label: 'poster print test' });
  const exceptions = [
    { starts: 0, ends: 0, closed: true, reason: 'fermeture exceptionnelle pour inventaire' },
    { starts: 12, ends: 12, closed: false, reason: 'veille de fête, accueil du matin seulement' },
    { starts: 20, ends: 34, closed: true, reason: 'congés et formation de toute l’équipe' },
  ];
  for (const [i, e] of exceptions.entries()) {
    const res = await server.get(`/api/v1/sites/${site}/exceptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        key: `poster-print-closure-${site}-${i}`,
        starts_on: parisDate(e.starts),
        ends_on: parisDate(e.ends),
        closed: e.closed,
        hours: e.closed ? [] : [{ opens: '09:00', closes: '12:00' }],
        reason: e.reason,
      }),
    });
    assert.equal(res.status, 201, await res.clone().text());
  }
}

/** Opens the test page (with the page's stylesheet, or none) and waits for the poster and its QR code. */
async function openPoster(pageCss: string | null, site = SITE): Promise<Page> {
  const tab = await browser.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (err) => errors.push(String((err as Error).message ?? err)));
  const routes: Record<string, { contentType: string; body: string }> = {
    '/__poster.html': { contentType: 'text/html; charset=utf-8', body: page(pageCss !== null, site) },
    '/__poster.js': { contentType: 'text/javascript', body: bundle },
    '/__poster.css': { contentType: 'text/css', body: pageCss ?? '' },
  };
  await tab.setRequestInterception(true);
  tab.on('request', (request) => {
    const url = new URL(request.url());
    const route = url.origin === server.url ? routes[url.pathname] : undefined;
    const done = route
      ? request.respond({
          status: 200,
          contentType: route.contentType,
          // The strict policy the README promises the widgets run under.
          headers: { 'content-security-policy': "default-src 'self'" },
          body: route.body,
        })
      : url.origin === server.url
        ? request.continue()
        : request.abort('blockedbyclient');
    done.catch(() => {});
  });
  await tab.setViewport({ width: 900, height: 1300 });
  await tab.goto(`${server.url}/__poster.html`, { waitUntil: 'load' });
  await tab
    .waitForFunction(() => !!document.querySelector('fs-poster')?.shadowRoot?.querySelector('svg.qr'), { timeout: 15_000, polling: 50 })
    .catch(() => {
      throw new Error(`the poster did not load${errors.length ? `: ${errors.join('; ')}` : ''}`);
    });
  assert.deepEqual(errors, []);
  return tab;
}

/** Page objects of a PDF (Chromium writes its object dictionaries uncompressed): `/Type /Page` and the tree's `/Count`. */
function pdfPages(pdf: Uint8Array): { pages: number; counts: number[]; mediaBoxes: string[] } {
  const text = Buffer.from(pdf).toString('latin1');
  return {
    pages: (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length,
    counts: [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) =>
      Number(m[1] ?? m[2]),
    ),
    mediaBoxes: [...text.matchAll(/\/MediaBox\s*\[([^\]]+)\]/g)].map((m) => m[1]!.trim().replace(/\s+/g, ' ')),
  };
}

const MM = 96 / 25.4; // CSS px per millimetre

/**
 * In print media: the sheet's size, whether the toolbar shows, how much of the partners' column
 * is cut, how far the QR block and the footer end inside the sheet, and the printed sizes (mm) of
 * what is read from afar.
 */
async function printedSheet(tab: Page) {
  await tab.emulateMediaType('print');
  return tab.evaluate((mm) => {
    const root = document.querySelector('fs-poster')!.shadowRoot!;
    const sheet = root.querySelector('.sheet')!.getBoundingClientRect();
    const partners = root.querySelector('.partners-column')!;
    // No helper functions in here: the test's compiler would name them with a helper the page lacks.
    const phone = root.querySelector('.phone');
    return {
      width: sheet.width,
      height: sheet.height,
      toolbarShown: getComputedStyle(root.querySelector('.toolbar')!).display !== 'none',
      partnersClipped: partners.scrollHeight - partners.clientHeight,
      qrInside: sheet.bottom - root.querySelector('.qr-block')!.getBoundingClientRect().bottom,
      footerInside: sheet.bottom - root.querySelector('.footer')!.getBoundingClientRect().bottom,
      hoursMm: parseFloat(getComputedStyle(root.querySelector('table[part="hours"]')!).fontSize) / mm,
      phoneMm: phone ? parseFloat(getComputedStyle(phone).fontSize) / mm : null,
      exceptions: root.querySelectorAll('[part="exceptions"] li').length,
    };
  }, MM);
}

/** Puppeteer's print media has the screen's viewport: print layout uses the page box; the test sets the viewport to it. */
async function pageBox(tab: Page, widthMm: number, heightMm: number) {
  await tab.setViewport({ width: Math.round(widthMm * MM), height: Math.round(heightMm * MM) });
}

test('printed to PDF, the poster is exactly one A4 page; the sheet fills the page box its 12 mm margins leave', async () => {
  const tab = await openPoster(PAGE_12MM);
  try {
    const text = await tab.evaluate(() => document.querySelector('fs-poster')!.shadowRoot!.textContent!.replace(/\s+/g, ' '));
    for (const expected of [
      'Besoin d’aide pour vos démarches ?',
      'France services vous accompagne',
      'France services de Mende',
      '04 66 49 67 13',
      'Du lundi au jeudi',
      '8 h 30 – 12 h',
      'Caisse d’allocations familiales (CAF)',
      'France Travail',
      'Carte d’identité, passeport, permis de conduire, carte grise',
      'Mission locale Lozère',
      'Conciliateur de justice',
      'sur rendez-vous',
      'et 2 autres',
      'Scannez ce code avec l’appareil photo de votre téléphone pour voir les horaires à jour et l’itinéraire.',
      's/2983',
    ]) {
      assert.ok(text.includes(expected), `the poster shows "${expected}"`);
    }
    if (ARTIFACTS) writeFileSync(join(ARTIFACTS, 'poster-screen.png'), await tab.screenshot({ type: 'png' }));
    const pdf = await tab.pdf({ format: 'A4', printBackground: true });
    if (ARTIFACTS) writeFileSync(join(ARTIFACTS, 'poster.pdf'), pdf);
    const { pages, counts, mediaBoxes } = pdfPages(pdf);
    assert.equal(pages, 1, 'one page object');
    assert.deepEqual(counts, [1], 'the page tree counts one page');
    // A4 in PostScript points: 595.3 × 841.9 (Chromium rounds to its own grid).
    const [, , w, h] = mediaBoxes[0]!.split(' ').map(Number);
    assert.ok(Math.abs(w! - 595.3) < 1.5 && Math.abs(h! - 841.9) < 1.5, `A4 portrait, got ${mediaBoxes[0]}`);

    // In print, the sheet is the page box, A4 less twice 12 mm (less 5 mm of white at the bottom, room for a host's margins).
    await pageBox(tab, 186, 273);
    const box = await printedSheet(tab);
    assert.ok(Math.abs(box.width - 186 * MM) < 1, `sheet width ${box.width} px, expected 186 mm`);
    assert.ok(Math.abs(box.height - 268 * MM) < 1, `sheet height ${box.height} px, expected 268 mm`);
    assert.equal(box.toolbarShown, false, 'the print button is not printed');
    assert.ok(box.partnersClipped <= 1, `nothing of the partners is cut (${box.partnersClipped} px over)`);
    assert.ok(box.qrInside >= 0 && box.footerInside >= 0, `QR block and footer on the sheet (${box.qrInside}, ${box.footerInside} px)`);
  } finally {
    await tab.close();
  }
});

/**
 * The image a phone camera gets of the page from `distanceMm` away: a 1920-pixel-wide frame over
 * a 70° field of view (2 × tan 35° × 1 m = 1.40 m: 0.73 mm a pixel at 1 m), made by averaging the
 * screenshot's pixels (96 per inch at print size) into boxes that wide.
 */
function cameraFrame(image: { width: number; height: number; data: Buffer }, distanceMm: number) {
  const mmPerPixel = (2 * Math.tan((35 * Math.PI) / 180) * distanceMm) / 1920;
  const box = mmPerPixel * MM; // screenshot pixels per camera pixel
  const width = Math.floor(image.width / box);
  const height = Math.floor(image.height / box);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let sy = Math.floor(y * box); sy < Math.floor((y + 1) * box); sy++) {
        for (let sx = Math.floor(x * box); sx < Math.floor((x + 1) * box); sx++) {
          const i = (sy * image.width + sx) * 4;
          sum += (image.data[i]! + image.data[i + 1]! + image.data[i + 2]!) / 3;
          n++;
        }
      }
      const o = (y * width + x) * 4;
      out[o] = out[o + 1] = out[o + 2] = sum / n;
      out[o + 3] = 255;
    }
  }
  return { data: out, width, height, mmPerPixel };
}

test('edge to edge (`@page { margin: 0 }`, the embed page’s), the sheet is the whole A4 sheet, on one page', async () => {
  const tab = await openPoster(PAGE_EDGE);
  try {
    const pdf = await tab.pdf({ format: 'A4', printBackground: true });
    if (ARTIFACTS) writeFileSync(join(ARTIFACTS, 'poster-edge.pdf'), pdf);
    assert.equal(pdfPages(pdf).pages, 1);
    await pageBox(tab, 210, 297);
    const box = await printedSheet(tab);
    assert.ok(
      Math.abs(box.width - 210 * MM) < 1 && Math.abs(box.height - 292 * MM) < 1,
      `sheet ${box.width} × ${box.height} px, expected 210 × 292 mm`,
    );
    assert.ok(box.partnersClipped <= 1, `nothing of the partners is cut (${box.partnersClipped} px over)`);
    assert.ok(box.qrInside >= 0 && box.footerInside >= 0, `QR block and footer on the sheet (${box.qrInside}, ${box.footerInside} px)`);
  } finally {
    await tab.close();
  }
});

test('the QR code read from a screenshot of the printed page leads to the site’s page, from close and from a metre away', async () => {
  const tab = await openPoster(PAGE_12MM);
  try {
    await pageBox(tab, 186, 273);
    await tab.emulateMediaType('print');
    const png = await tab.screenshot({ fullPage: true, type: 'png' });
    if (ARTIFACTS) writeFileSync(join(ARTIFACTS, 'poster.png'), png);
    const image = PNG.sync.read(Buffer.from(png));
    const expected = `${server.url}/s/${SITE}`;
    const close = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
    assert.equal(close?.data, expected, 'read from the screenshot at print size');
    // The whole A4 page as a phone camera sees it from 1 m: about 290 × 410 pixels.
    const frame = cameraFrame(image, 1000);
    assert.equal(jsQR(frame.data, frame.width, frame.height)?.data, expected, `read from 1 m (${frame.mmPerPixel.toFixed(2)} mm a pixel)`);
    const qr = await tab.evaluate(() => {
      const svg = document.querySelector('fs-poster')!.shadowRoot!.querySelector('svg.qr')!;
      return { px: svg.getBoundingClientRect().width, modules: Number(svg.getAttribute('viewBox')!.split(' ')[2]) };
    });
    assert.ok(qr.px / MM >= 65, `the printed code is ${(qr.px / MM).toFixed(0)} mm wide`);
    assert.ok(qr.px / MM / qr.modules >= 1.5, `modules of ${(qr.px / MM / qr.modules).toFixed(2)} mm`);
  } finally {
    await tab.close();
  }
});

test('the print button gives the page its A4 rule for that print only: one page without any page stylesheet', async () => {
  const tab = await openPoster(null);
  try {
    // window.print() opens no dialog here: stand-in that records the call, as the dialog would block.
    await tab.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await tab.evaluate(() =>
      (document.querySelector('fs-poster')!.shadowRoot!.querySelector('[part="print"]') as HTMLButtonElement).click(),
    );
    const during = await tab.evaluate(() => ({
      printed: (window as unknown as { printed: number }).printed,
      rules: document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)),
    }));
    assert.equal(during.printed, 1);
    assert.ok(
      during.rules.some((r) => /@page\s*\{\s*size: a4( portrait)?; margin: 12mm;\s*\}/i.test(r)),
      `the @page rule is in the document while printing: ${JSON.stringify(during.rules)}`,
    );
    const pdf = await tab.pdf({ format: 'A4', printBackground: true });
    if (ARTIFACTS) writeFileSync(join(ARTIFACTS, 'poster-button.pdf'), pdf);
    assert.equal(pdfPages(pdf).pages, 1);
    await tab.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assert.equal(await tab.evaluate(() => document.adoptedStyleSheets.length), 0, 'the rule is taken away after printing');
  } finally {
    await tab.close();
  }
});

test('on a page with no print rule at all, printed with Chrome’s default margins (0.4 in), the poster still takes one page', async () => {
  const tab = await openPoster(null);
  try {
    const margin = '0.4in';
    const pdf = await tab.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: margin, right: margin, bottom: margin, left: margin },
    });
    if (ARTIFACTS) writeFileSync(join(ARTIFACTS, 'poster-default-margins.pdf'), pdf);
    assert.equal(pdfPages(pdf).pages, 1);
  } finally {
    await tab.close();
  }
});

/**
 * The most crowded posters of the list: the longest week (a bus with four stops a day, 1892) and
 * the longest name (97 characters, 2136). The sheet picks smaller type for them (`data-fit`) and
 * still takes one page whatever the margins, its QR code, footer and partners whole.
 */
for (const [site, what] of [
  ['1892', 'the longest week'],
  ['2136', 'the longest name'],
] as const) {
  test(`${what} (${site}): one page with 12 mm, no or the default margins, nothing cut`, async () => {
    const settings: Array<{ css: string | null; margin?: string; box: [number, number]; name: string }> = [
      { css: PAGE_12MM, box: [186, 273], name: '12mm' },
      { css: PAGE_EDGE, box: [210, 297], name: 'edge' },
      { css: null, margin: '0.4in', box: [210 - 20.32, 297 - 20.32], name: 'default-margins' },
    ];
    for (const { css, margin, box, name } of settings) {
      const tab = await openPoster(css, site);
      try {
        const pdf = await tab.pdf({
          format: 'A4',
          printBackground: true,
          ...(margin ? { margin: { top: margin, right: margin, bottom: margin, left: margin } } : {}),
        });
        if (ARTIFACTS) writeFileSync(join(ARTIFACTS, `poster-${site}-${name}.pdf`), pdf);
        assert.equal(pdfPages(pdf).pages, 1, `${name}: one page`);
        await pageBox(tab, ...box);
        const printed = await printedSheet(tab);
        assert.ok(printed.qrInside >= 0, `${name}: the QR block ends ${printed.qrInside} px inside the sheet`);
        assert.ok(printed.footerInside >= 0, `${name}: the footer ends ${printed.footerInside} px inside the sheet`);
        assert.ok(printed.partnersClipped <= 1, `${name}: nothing of the partners is cut (${printed.partnersClipped} px over)`);
        // Under the week, the first two of its three closures and exceptional hours (issue 16).
        assert.equal(printed.exceptions, 2, `${name}: the next two closures printed`);
      } finally {
        await tab.close();
      }
    }
  });
}
