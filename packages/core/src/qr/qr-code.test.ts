import { expect, fixture, html } from '@open-wc/testing';
import qrcode from 'qrcode-generator';
import { loadQrCode, qrCodeReady, qrCodeSvg } from './qr-code.js';
import { encodeQr } from './qr-encoder.js';
import { decodeQr } from '../../../../test-support/component-test-env.js';

describe('QR codes (core)', () => {
  it('fetches the generator on demand, then draws black on white with a 4-module quiet zone, named for assistive technologies', async () => {
    if (!qrCodeReady()) expect(() => qrCodeSvg('x', 'x')).to.throw(/loadQrCode/);
    const make = await loadQrCode();
    expect(make).to.equal(qrCodeSvg);
    expect(qrCodeReady()).to.equal(true);
    const text = 'https://widgets.example.fr/embed/fs-site-card?site-id=2983';
    const el = await fixture<HTMLDivElement>(html`<div>${make(text, 'QR code')}</div>`);
    const svg = el.querySelector('svg')!;
    expect(svg.namespaceURI).to.equal('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('QR code');
    const modules = Number(svg.dataset.modules);
    expect(svg.getAttribute('viewBox')).to.equal(`0 0 ${modules + 8} ${modules + 8}`);
    expect(svg.querySelector('rect')!.getAttribute('fill')).to.equal('#ffffff');
    expect(svg.querySelector('g')!.getAttribute('fill')).to.equal('#000000');
    // Nothing dark in the quiet zone.
    for (const r of svg.querySelectorAll('g rect')) {
      expect(Number(r.getAttribute('x'))).to.be.at.least(4);
      expect(Number(r.getAttribute('y'))).to.be.at.least(4);
    }
    expect(await decodeQr(svg)).to.equal(text);
  });

  it('encodes text as UTF-8 (accents survive) and takes level Q when asked', async () => {
    const make = await loadQrCode();
    const text = 'Maison France services — Évry-Courcouronnes';
    const m = await fixture<HTMLDivElement>(html`<div>${make(text, 'x')}</div>`);
    const q = await fixture<HTMLDivElement>(html`<div>${make(text, 'x', { errorCorrection: 'Q' })}</div>`);
    expect(await decodeQr(m.querySelector('svg')!)).to.equal(text);
    expect(await decodeQr(q.querySelector('svg')!)).to.equal(text);
    // More redundancy, more modules for the same text: a 58-character address takes version 4 (33 modules) at M, 5 (37) at Q.
    const url = 'https://widgets.example.fr/embed/fs-site-card?site-id=2983';
    const modules = async (level: 'M' | 'Q') =>
      Number(
        (await fixture<HTMLDivElement>(html`<div>${make(url, 'x', { errorCorrection: level })}</div>`)).querySelector('svg')!.dataset
          .modules,
      );
    expect(await modules('M')).to.equal(33);
    expect(await modules('Q')).to.equal(37);
  });
});

describe('QR encoder (core)', () => {
  /** qrcode-generator's modules (the library the encoder replaced, a devDependency for this comparison alone). */
  const reference = (bytes: Uint8Array, level: 'M' | 'Q'): boolean[][] => {
    const qr = qrcode(0, level);
    qr.addData(String.fromCharCode(...bytes), 'Byte');
    qr.make();
    const count = qr.getModuleCount();
    return Array.from({ length: count }, (_, r) => Array.from({ length: count }, (_, c) => qr.isDark(r, c)));
  };
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const version = (modules: boolean[][]) => (modules.length - 17) / 4;

  /** ~300 texts: what the poster and the démarche log put in their codes, URLs up to 300 bytes, French text. */
  const texts = (): string[] => {
    let seed = 20_240_611;
    const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * n;
    const pick = (chars: string, length: number) => Array.from({ length }, () => chars[Math.floor(random(chars.length))]).join('');
    const words = [
      'Maison',
      'France',
      'services',
      'Évry-Courcouronnes',
      'mairie',
      'Saint-Étienne',
      'L’Haÿ-les-Roses',
      'Île-de-France',
      'déclaration',
      'impôts',
      'retraite',
      'CAF',
      'ANTS',
      '«',
      '»',
      '—',
      'œuvre',
      'ça',
      'à',
      'où',
      '€',
      'n°',
      '12',
      'bis',
    ];
    const code = () => [4, 4, 4].map((n) => pick('0123456789ABCDEFGHJKMNPQRSTVWXYZ', n)).join('-');
    const origins = [
      'https://widgets.example.fr',
      'http://127.0.0.1:8080',
      'https://www.france-services.gouv.fr',
      'https://mairie-saint-martin-d-heres.fr',
    ];
    const out = ['', 'x', 'https://example.fr', 'Maison France services — Évry-Courcouronnes'];
    for (let i = 0; i < 60; i++) {
      const origin = origins[i % origins.length]!;
      out.push(`${origin}/embed/fs-site-card?site-id=${Math.floor(random(4000)) + 1}`);
      out.push(`${origin}/embed/fs-site-locator?commune=${String(Math.floor(random(95_000)) + 1000).padStart(5, '0')}`);
      out.push(`${origin}/suivi?lang=fr&fs-code=${code()}`);
    }
    for (let i = 0; i < 70; i++) {
      // A URL of 20 to 300 bytes, with a path and a query.
      const length = 20 + Math.floor(random(281));
      let url = `${origins[i % origins.length]!}/${pick('abcdefghijklmnopqrstuvwxyz-/', 12)}?q=`;
      while (url.length < length) url += pick('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~%=&', 1);
      out.push(url.slice(0, length));
    }
    for (let i = 0; i < 46; i++) {
      // French sentences of 1 to 40 words: accents and typographic signs, 2 or 3 bytes each in UTF-8.
      out.push(Array.from({ length: 1 + Math.floor(random(40)) }, () => words[Math.floor(random(words.length))]).join(' '));
    }
    return out;
  };

  it('draws the same modules as qrcode-generator, mask included, for 300 texts at levels M and Q', () => {
    const all = texts();
    expect(all.length).to.equal(300);
    const versions = new Set<number>();
    for (const text of all) {
      for (const level of ['M', 'Q'] as const) {
        const bytes = utf8(text);
        const modules = encodeQr(bytes, level);
        versions.add(version(modules));
        expect(modules, `${level} ${JSON.stringify(text)}`).to.deep.equal(reference(bytes, level));
      }
    }
    // From version 1 to past 7 (the version information) and 10 (a 16-bit length).
    expect(Math.min(...versions)).to.equal(1);
    expect(Math.max(...versions)).to.be.at.least(12);
  });

  it('takes the smallest version that holds the data, up to 40, the same as qrcode-generator at every boundary; throws beyond', function () {
    this.timeout(60_000);
    // The byte capacity of each version (ISO/IEC 18004, table 7).
    const capacity = {
      M: [
        14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911, 997, 1059, 1125,
        1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
      ],
      Q: [
        11, 20, 32, 46, 60, 74, 86, 108, 130, 151, 177, 203, 241, 258, 292, 322, 364, 394, 442, 482, 509, 565, 611, 661, 715, 751, 805, 868,
        908, 982, 1030, 1112, 1168, 1228, 1283, 1351, 1423, 1499, 1579, 1663,
      ],
    };
    for (const level of ['M', 'Q'] as const) {
      capacity[level].forEach((bytes, i) => {
        const full = new Uint8Array(bytes).map((_, k) => (k * 37 + i * 11) & 255);
        const modules = encodeQr(full, level);
        expect(version(modules), `${bytes} bytes at ${level}`).to.equal(i + 1);
        expect(modules, `${bytes} bytes at ${level}`).to.deep.equal(reference(full, level));
        if (i < 39) expect(version(encodeQr(new Uint8Array(bytes + 1), level)), `${bytes + 1} bytes at ${level}`).to.equal(i + 2);
      });
    }
    expect(() => encodeQr(new Uint8Array(2332), 'M')).to.throw(Error, /2332 bytes are more than a version 40 code holds at level M/);
    expect(() => encodeQr(new Uint8Array(1664), 'Q')).to.throw(Error, /1664 bytes are more than a version 40 code holds at level Q/);
  });

  it('draws codes a reader reads back to the exact text', async () => {
    const make = await loadQrCode();
    const cases: [string, 'M' | 'Q'][] = [
      ['', 'M'],
      ['https://widgets.example.fr/embed/fs-site-card?site-id=2983', 'Q'],
      ['https://example.fr/suivi?lang=fr&fs-code=7K2M-QX4P-9TBW', 'M'],
      ['Maison France services — Évry-Courcouronnes, 2 place de l’Hôtel de Ville', 'Q'],
      // Version 10 at M, 13 at Q: version information, two or more blocks, a 16-bit length.
      [`https://widgets.example.fr/embed/fs-site-locator?commune=91228&q=${'àéèêëîïôöùûüç'.repeat(8)}${'x'.repeat(100)}`, 'M'],
      [`https://widgets.example.fr/embed/fs-site-locator?commune=91228&q=${'àéèêëîïôöùûüç'.repeat(8)}${'x'.repeat(100)}`, 'Q'],
    ];
    for (const [text, level] of cases) {
      const el = await fixture<HTMLDivElement>(html`<div>${make(text, 'x', { errorCorrection: level })}</div>`);
      expect(await decodeQr(el.querySelector('svg')!), `${level} ${text}`).to.equal(text);
    }
  });
});
