import { expect, fixture, html } from '@open-wc/testing';
import './demarche-tracker.js';
import type { FsDemarcheTracker } from './demarche-tracker.component.js';
import { caseCodeFrom } from '@fs-widgets/contract/case-code';
import {
  clearOfflineCache,
  proxiedApi,
  realApi,
  setNetwork,
  shadowText,
  unavailableApi,
  until,
} from '../../../../test-support/component-test-env.js';

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

/** A well-formed code no case has (random payload, right check symbol). */
const unknownCode = () =>
  caseCodeFrom(Array.from({ length: 10 }, () => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(Math.random() * 32)]).join(''));

async function typeAndSubmit(el: FsDemarcheTracker, code: string) {
  const input = $(el, '#code') as HTMLInputElement;
  input.value = code;
  input.dispatchEvent(new InputEvent('input'));
  ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
  await el.updateComplete;
}

describe('<fs-demarche-tracker>', () => {
  beforeEach(async () => {
    await setNetwork('up');
  });
  afterEach(() => setNetwork('up'));

  it('asks for the code (empty state), and says so when submitted empty; axe', async () => {
    const el = await fixture<FsDemarcheTracker>(html`<fs-demarche-tracker api=${realApi()}></fs-demarche-tracker>`);
    expect(shadowText(el)).to.contain('Suivre mon dossier').and.contain('Code de suivi');
    expect($(el, '[role="heading"]')!.getAttribute('aria-level')).to.equal('2');
    await expect(el).to.be.accessible();
    await typeAndSubmit(el, '');
    expect($(el, '#code-error')!.textContent).to.contain('Saisissez votre code');
    await expect(el).to.be.accessible();
  });

  it('rejects a mistyped code in the browser, before any request, with the plain message; axe', async () => {
    const calls: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    };
    try {
      const el = await fixture<FsDemarcheTracker>(html`<fs-demarche-tracker api=${realApi()}></fs-demarche-tracker>`);
      const good = caseCodeFrom('7K3M9P2QRT');
      // One symbol changed: the check symbol no longer matches.
      const typo = `${good.slice(0, 3)}${good[3] === 'A' ? 'B' : 'A'}${good.slice(4)}`;
      await typeAndSubmit(el, typo.toLowerCase());
      expect($(el, '#code-error')!.textContent).to.contain('Ce code contient une erreur de saisie : vérifiez chaque caractère');
      expect($(el, '#code')!.getAttribute('aria-invalid')).to.equal('true');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#code'));
      await typeAndSubmit(el, 'ABCD-EFGH');
      expect($(el, '#code-error')!.textContent).to.contain('11 caractères');
      await new Promise((r) => setTimeout(r, 200));
      expect(calls.filter((u) => u.includes('/cases/'))).to.deep.equal([]);
      await expect(el).to.be.accessible();
    } finally {
      window.fetch = realFetch;
    }
  });

  it('says a well-formed code is unknown (404), accepting lower case and spaces; axe', async () => {
    const el = await fixture<FsDemarcheTracker>(html`<fs-demarche-tracker api=${realApi()}></fs-demarche-tracker>`);
    const code = unknownCode();
    await typeAndSubmit(el, code.toLowerCase().replaceAll('-', ' '));
    expect(($(el, '#code') as HTMLInputElement).value).to.equal(code);
    await until(() => $(el, '[data-state="unknown"]') !== null, 'the unknown state');
    expect(shadowText(el)).to.contain('Aucun dossier ne correspond à ce code');
    await expect(el).to.be.accessible();
  });

  it('says when the network is down and there is no saved copy, and when the service fails; axe', async () => {
    await clearOfflineCache();
    await setNetwork('down');
    const el = await fixture<FsDemarcheTracker>(html`<fs-demarche-tracker api=${proxiedApi}></fs-demarche-tracker>`);
    await typeAndSubmit(el, unknownCode());
    await until(() => $(el, '[data-state="offline"]') !== null, 'the offline state');
    expect(shadowText(el)).to.contain('Pas de connexion');
    await expect(el).to.be.accessible();
    await setNetwork('up');

    const failing = await fixture<FsDemarcheTracker>(html`<fs-demarche-tracker api=${unavailableApi}></fs-demarche-tracker>`);
    await typeAndSubmit(failing, unknownCode());
    await until(() => $(failing, '[data-state="server"]') !== null, 'the error state');
    expect(shadowText(failing)).to.contain('momentanément indisponible').and.contain('Réessayer');
    await expect(failing).to.be.accessible();
  });

  it('shows the loading state while the server answers; axe', async () => {
    const el = await fixture<FsDemarcheTracker>(html`<fs-demarche-tracker api="/__test/pending/api/v1"></fs-demarche-tracker>`);
    await typeAndSubmit(el, unknownCode());
    expect(shadowText(el)).to.contain('Recherche du dossier');
    await expect(el).to.be.accessible();
  });

  it('reads the code from the page address (?fs-code=, the receipt’s QR code)', async () => {
    const code = unknownCode();
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?fs-code=${encodeURIComponent(code.toLowerCase())}`);
    try {
      const el = await fixture<FsDemarcheTracker>(html`<fs-demarche-tracker api=${realApi()}></fs-demarche-tracker>`);
      expect(($(el, '#code') as HTMLInputElement).value).to.equal(code);
      await until(() => $(el, '[data-state="unknown"]') !== null, 'the lookup of the code from the address');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('follows the page language (English)', async () => {
    const el = await fixture<FsDemarcheTracker>(html`<fs-demarche-tracker lang="en" api=${realApi()}></fs-demarche-tracker>`);
    await until(() => shadowText(el).includes('Follow my case'), 'the English strings');
    await expect(el).to.be.accessible();
  });
});
