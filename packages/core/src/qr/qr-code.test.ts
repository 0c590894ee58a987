import { expect, fixture, html } from '@open-wc/testing';
import { loadQrCode, qrCodeReady, qrCodeSvg } from './qr-code.js';
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
