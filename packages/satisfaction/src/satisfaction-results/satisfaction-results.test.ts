import { expect, fixture, html } from '@open-wc/testing';
import type { FeedbackInput, Rating } from '@fs-widgets/contract';
import { newIdempotencyKey } from '@fs-widgets/core';
import './satisfaction-results.js';
import type { FsSatisfactionResults } from './satisfaction-results.component.js';
import { pendingApi, realApi, shadowText, unavailableApi, until } from '../../../../test-support/component-test-env.js';

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const settled = (el: FsSatisfactionResults) => () => !$(el, '[aria-busy="true"]');

async function answer(site: string, rating: Rating, channel: FeedbackInput['channel'] = 'kiosk') {
  const body: FeedbackInput = { key: newIdempotencyKey(), site_id: site, rating, channel, answered_at: new Date().toISOString() };
  const res = await fetch(`${realApi()}/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).to.equal(201);
}

describe('<fs-satisfaction-results>', () => {
  it('publishes the share of satisfied users, the count, the period, a chart and its table; passes axe', async () => {
    const site = '3168';
    for (const r of ['very-satisfied', 'satisfied', 'satisfied', 'dissatisfied'] as Rating[]) await answer(site, r);
    const el = await fixture<FsSatisfactionResults>(
      html`<fs-satisfaction-results api=${realApi()} site-id=${site} min-count="4"></fs-satisfaction-results>`,
    );
    await until(settled(el), 'the figures');
    const res = await (await fetch(`${realApi()}/stats/satisfaction?site=${site}`)).json();
    const share = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(res.satisfied_share);
    expect($(el, '[part="figure"]')!.textContent).to.contain(`${share} d’usagers satisfaits`);
    expect($(el, '[part="figure"]')!.textContent).to.contain(`sur ${res.count} avis`);
    expect(shadowText(el)).to.match(/Avis donnés du \d{2}\/\d{2}\/\d{4} au \d{2}\/\d{2}\/\d{4}/);
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows).to.have.length(4);
    expect(rows[1]).to.contain('Satisfait').and.contain(String(res.distribution.satisfied));
    expect($(el, 'svg[part="chart"]')!.getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('publishes nothing below the minimum number of answers, and says why; passes axe', async () => {
    const el = await fixture<FsSatisfactionResults>(
      html`<fs-satisfaction-results api=${realApi()} site-id="3168" min-count="1000"></fs-satisfaction-results>`,
    );
    await until(settled(el), 'the figures');
    expect(shadowText(el)).to.contain('Pas encore assez d’avis');
    expect($(el, '[part="figure"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says when a period has no answers', async () => {
    const el = await fixture<FsSatisfactionResults>(
      html`<fs-satisfaction-results api=${realApi()} site-id="3168" from="2020-01-01" to="2020-01-31"></fs-satisfaction-results>`,
    );
    await until(settled(el), 'the figures');
    expect(shadowText(el)).to.contain('Aucun avis pour cette période');
  });

  it('says which attribute is wrong instead of showing other figures (a site-id that is no id, a date that is no date); passes axe', async () => {
    const site = await fixture<FsSatisfactionResults>(
      html`<fs-satisfaction-results api=${realApi()} site-id="NaN"></fs-satisfaction-results>`,
    );
    expect(shadowText(site)).to.contain('Aucune France services ne porte l’identifiant « NaN »');
    expect($(site, '[part="figure"]')).to.equal(null);
    await expect(site).to.be.accessible();
    const date = await fixture<FsSatisfactionResults>(
      html`<fs-satisfaction-results api=${realApi()} site-id="3168" from="2026-02-30"></fs-satisfaction-results>`,
    );
    expect(shadowText(date)).to.contain('La date « 2026-02-30 » n’est pas valide').and.contain('attribut from');
    const en = await fixture<FsSatisfactionResults>(
      html`<fs-satisfaction-results lang="en" api=${realApi()} to="yesterday"></fs-satisfaction-results>`,
    );
    await until(() => !en.hasAttribute('data-fs-locale-pending'), 'English');
    await en.updateComplete;
    expect(shadowText(en)).to.contain('The date “yesterday” is not valid').and.contain('attribute to');
  });

  it('shows the whole network without a site', async () => {
    const el = await fixture<FsSatisfactionResults>(
      html`<fs-satisfaction-results api=${realApi()} min-count="1"></fs-satisfaction-results>`,
    );
    await until(settled(el), 'the figures');
    expect($(el, '[part="figure"]')!.textContent).to.contain('d’usagers satisfaits');
  });

  it('loading, error and English states pass axe', async () => {
    const loading = await fixture<FsSatisfactionResults>(html`<fs-satisfaction-results api=${pendingApi}></fs-satisfaction-results>`);
    expect(shadowText(loading)).to.contain('Chargement');
    await expect(loading).to.be.accessible();
    const error = await fixture<FsSatisfactionResults>(html`<fs-satisfaction-results api=${unavailableApi}></fs-satisfaction-results>`);
    await until(settled(error), 'the error');
    expect(shadowText(error)).to.contain('Réessayer');
    await expect(error).to.be.accessible();
    const en = await fixture<FsSatisfactionResults>(
      html`<fs-satisfaction-results lang="en" api=${realApi()} site-id="3168" min-count="1"></fs-satisfaction-results>`,
    );
    await until(() => settled(en)() && !en.hasAttribute('data-fs-locale-pending'), 'English');
    await en.updateComplete;
    expect(shadowText(en)).to.contain('of users satisfied');
    await expect(en).to.be.accessible();
  });
});
