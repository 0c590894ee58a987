/**
 * What a site's agents publish of it (issue 16), published for real in component tests: an
 * agent token made by the real CLI (`/__test/agent-token`), then the agents' writes, through the
 * same-origin test proxy
 * (`POST /sites/{id}/exceptions`, `POST /sites/{id}/stops`, `PUT /sites/{id}/offers`, `POST /sites/{id}/verify`,
 * `POST /sites/{id}/local-partners`) on the
 * run's server. Every write is idempotent (the same key, or the same whole list), so the test
 * files that publish the same news for one site agree, whichever runs first.
 */
import { proxiedApi } from './component-test-env.js';

/** A site no other test file looks at: Brest Kérédern (29), open Monday to Friday 9 h – 12 h and 14 h – 17 h. */
export const PUBLISHING_SITE = '594';

const tokens = new Map<string, string>();

async function agentToken(site: string): Promise<string> {
  if (!tokens.has(site)) {
    const answer = (await (await fetch(`/__test/agent-token?site=${site}&label=${encodeURIComponent('Tests publication')}`)).json()) as {
      token: string;
    };
    tokens.set(site, answer.token);
  }
  return tokens.get(site)!;
}

async function write(site: string, method: 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${proxiedApi}/sites/${site}/${path}`, {
    method,
    headers: { authorization: `Bearer ${await agentToken(site)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The local date (`YYYY-MM-DD`) in a time zone, `plus` days from today. */
export function localDate(timeZone = 'Europe/Paris', plus = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + plus);
  return date.toISOString().slice(0, 10);
}

/** Where the site holds a permanence (the stop published below): Gouesnou. */
export const PERMANENCE_COMMUNE = '29061';

/**
 * The site's news, relative to today (Paris): closed today « congés », exceptional hours in
 * 10 days « veille de fête » 9 h – 12 h, closed 20 to 27 days from now « formation »; a CAF
 * permanence on Tuesday mornings in Gouesnou; offers point justice, free Wi-Fi, wheelchair
 * access; checked now.
 */
export async function publishSiteNews(site = PUBLISHING_SITE): Promise<void> {
  const today = localDate();
  const key = (what: string) => `tests-${site}-${what}-${today}`;
  const exception = (what: string, starts: number, ends: number, closed: boolean, reason: string) =>
    write(site, 'POST', 'exceptions', {
      key: key(what),
      starts_on: localDate('Europe/Paris', starts),
      ends_on: localDate('Europe/Paris', ends),
      closed,
      hours: closed ? [] : [{ opens: '09:00', closes: '12:00' }],
      reason,
    });
  await exception('closed-today', 0, 0, true, 'congés');
  await exception('other-hours', 10, 10, false, 'veille de fête');
  await exception('training', 20, 27, true, 'formation');
  // A CAF permanence the site holds every Tuesday morning in Gouesnou (29061), 4 km north.
  await write(site, 'POST', 'stops', {
    key: `tests-${site}-permanence-gouesnou`,
    kind: 'permanence',
    name: 'Mairie de Gouesnou',
    address: { street: 'Place de la mairie', postcode: '29850', insee_commune: PERMANENCE_COMMUNE },
    rules: [{ recurrence: { freq: 'weekly', days: ['tu'], interval: 1 }, opens: '09:00', closes: '12:00' }],
    offer: 'partner',
    partner: 'caf',
    note: 'Sur rendez-vous',
  });
  await write(site, 'PUT', 'offers', { offers: ['point-justice', 'free-wifi', 'wheelchair-access'] });
  await write(site, 'POST', 'verify');
}

/** A site no other test file looks at, where the tests publish a local partner: France services de Murat (15). */
export const LOCAL_PARTNER_SITE = '103';
/** Murat (15138), the commune of that site. */
export const LOCAL_PARTNER_COMMUNE = '15138';

/**
 * A local partner of that site, as its agents publish it in the partner directory: the mission
 * locale, helping with employment (a data·inclusion thématique of the « Emploi et chômage »
 * theme), with its website. It makes the site keep by `offer=local-partner`. Idempotent (one key).
 */
export async function publishLocalPartner(site = LOCAL_PARTNER_SITE): Promise<{ id: string; name: string; website: string }> {
  return (await write(site, 'POST', 'local-partners', {
    key: `tests-${site}-local-partner-mission-locale`,
    name: 'Mission locale du Cantal',
    thematiques: ['trouver-un-emploi--repondre-a-des-offres-demploi'],
    website: 'https://www.mission-locale-cantal.example.fr',
  })) as { id: string; name: string; website: string };
}
