import {
  DATA_INCLUSION_SOURCE,
  PARTNERS,
  type DataInclusionService,
  type DataInclusionStructure,
  type DayKey,
  type Directory,
  type DirectoryPartner,
  type LocalPartner,
  type PartnerId,
  type OutreachStop,
  type Permanence,
  type Site,
  type SiteOffer,
} from '@fs-widgets/contract';
import { removePersonalData } from '../privacy/personal-data.js';

/*
 * The France services sites and what can be done at each, in the data·inclusion format (schema
 * v1.0.8, `data/data-inclusion/structure.json` and `service.json`): one `structure` per site;
 * one `service` per national partner of the charter (nine per site) and one per local partner
 * the site's agents listed. Pure functions: the route reads the rows, these shape them.
 *
 * Rules: publish what the sources say, `null` for what we do not know (the carrier inferred from
 * the name, a SIRET, an accessibility page, a website are never published); agents' free texts
 * are scrubbed again of e-mail addresses and phone numbers on the way out.
 */

export const SOURCE = DATA_INCLUSION_SOURCE;

/** The national partners, in the contract's order. */
export const NATIONAL_PARTNERS = PARTNERS.filter((p): p is Exclude<PartnerId, 'local'> => p !== 'local');
export type NationalPartnerId = (typeof NATIONAL_PARTNERS)[number];

/** What every item of an export shares: where its links point, the data's dates. */
export interface ExportContext {
  /** `https://host[:port]` of the request, for `lien_source`; null when the request's host cannot make a URL. */
  origin: string | null;
  /** Date of the ANCT list the sites come from (YYYY-MM-DD). */
  dataDate: string;
  directory: Directory;
  /** Today, YYYY-MM-DD: permanences that ended before it are left out. */
  today: string;
}

// ---------------------------------------------------------------------------------------------
// Fields.

export const structureId = (siteId: string) => `${SOURCE}--${siteId}`;
export const nationalServiceId = (siteId: string, partner: NationalPartnerId) => `${SOURCE}--${siteId}--${partner}`;
export const localServiceId = (siteId: string, localPartnerId: string) => `${SOURCE}--${siteId}--local-${localPartnerId}`;
export const stopServiceId = (siteId: string, stopId: string) => `${SOURCE}--${siteId}--stop-${stopId}`;

/**
 * The `email` format of the schema (ajv-formats' full mode, RFC 5322 dot-atom on an ASCII
 * domain), with the RFC's length limits. The ANCT list has cells holding several addresses
 * ("a@x.fr - b@x.fr"): they are not one valid address, so they are not published.
 */
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** The address if it is one valid address; null otherwise. */
export function validEmail(value: string | null | undefined): string | null {
  const email = value?.trim() ?? '';
  if (email === '' || email.length > 254 || !EMAIL.test(email)) return null;
  return email.split('@')[0]!.length <= 64 ? email : null;
}

/**
 * French numbering plan (ARCEP): the overseas prefixes and their country calling code. Réunion
 * and Mayotte share +262; Saint-Martin and Saint-Barthélemy use Guadeloupe's +590.
 */
const OVERSEAS_PREFIXES: Readonly<Record<string, string>> = {
  '0590': '590',
  '0690': '590',
  '0691': '590',
  '0594': '594',
  '0694': '594',
  '0596': '596',
  '0696': '596',
  '0697': '596',
  '0262': '262',
  '0263': '262',
  '0269': '262',
  '0639': '262',
  '0692': '262',
  '0693': '262',
};

/**
 * A French number in E.164 (as data·inclusion prefers): `03 81 12 34 56` → `+33381123456`,
 * `0262 12 34 56` → `+262262123456`. Special-rate and free numbers (08…), which cannot be
 * called from abroad, and anything that is not ten digits are kept as published.
 */
export function toE164(value: string | null | undefined): string | null {
  const phone = value?.trim() ?? '';
  if (phone === '') return null;
  const digits = phone.replace(/[\s.-]/g, '');
  if (!/^0[1-9]\d{8}$/.test(digits)) return phone;
  const overseas = OVERSEAS_PREFIXES[digits.slice(0, 4)];
  if (overseas) return `+${overseas}${digits.slice(1)}`;
  if (digits.startsWith('08')) return phone;
  return `+33${digits.slice(1)}`;
}

/**
 * A name as data·inclusion wants it: 3 to 150 characters, not ending with a dot. Spaces are
 * collapsed, final dots dropped, a name too long cut at a word; a name left too short falls
 * back to `fallback`.
 */
export function cleanName(name: string, fallback: string): string {
  const trim = (text: string) =>
    text
      .replace(/\s+/g, ' ')
      .replace(/[\s.…]+$/u, '')
      .trim();
  let cleaned = trim(name);
  if (cleaned.length > 150) {
    const cut = cleaned.slice(0, 151);
    cleaned = trim(cut.slice(0, Math.max(cut.lastIndexOf(' '), 100)));
  }
  return cleaned.length >= 3 ? cleaned : trim(fallback);
}

/** An agent's free text, scrubbed of e-mail addresses and phone numbers (again: the write did it first). */
const scrubbed = (text: string | null | undefined): string | null => (text ? removePersonalData(text.replace(/\s+/g, ' ').trim()) : null);

const isoDate = (instant: string) => instant.slice(0, 10);
const latest = (dates: readonly string[]) => dates.reduce((a, b) => (b > a ? b : a));

/**
 * The date of an import's data: the date in the sites file's name (`liste-fs-20240801.csv`),
 * else the import's own date.
 */
export function dataDateOf(record: { imported_at?: string; sites?: { file?: string } } | null, fallback: string): string {
  const match = /(20\d{2})(\d{2})(\d{2})/.exec(record?.sites?.file ?? '');
  if (match) {
    const date = `${match[1]}-${match[2]}-${match[3]}`;
    if (!Number.isNaN(Date.parse(date)) && new Date(date).toISOString().startsWith(date)) return date;
  }
  return record?.imported_at && /^\d{4}-\d{2}-\d{2}/.test(record.imported_at) ? isoDate(record.imported_at) : fallback;
}

/** `https://host:port` of a request, or null when its host does not make a valid URL. */
export function originOf(protocol: string, host: string | undefined): string | null {
  if (!host || !/^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)) return null;
  if (protocol !== 'http' && protocol !== 'https') return null;
  return URL.canParse(`${protocol}://${host}`) ? `${protocol}://${host}` : null;
}

// ---------------------------------------------------------------------------------------------
// Permanences in plain French and in OSM syntax.

const DAY_NAMES: Readonly<Record<DayKey, string>> = {
  mo: 'lundi',
  tu: 'mardi',
  we: 'mercredi',
  th: 'jeudi',
  fr: 'vendredi',
  sa: 'samedi',
  su: 'dimanche',
};
const DAY_ORDER: readonly DayKey[] = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
const EVERY_N_WEEKS = ['', '', 'deux', 'trois', 'quatre'];

const listFr = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
const timeFr = (hhmm: string) => {
  const [h, m] = hhmm.split(':');
  return `${Number(h)} h${m === '00' ? '' : ` ${m}`}`;
};
const dateFr = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const ordinalFr = (n: number) => (n === -1 ? 'dernier' : n === 1 ? '1er' : `${n}e`);

/** "chaque mardi de 9 h à 12 h", "le 2e et le dernier jeudi du mois, sur rendez-vous"… */
export function permanenceFr(
  permanence: Pick<Permanence, 'recurrence' | 'opens' | 'closes' | 'by_appointment' | 'starts_on' | 'ends_on' | 'note'>,
): string {
  const { recurrence } = permanence;
  let when: string;
  switch (recurrence.freq) {
    case 'weekly': {
      const days = listFr([...recurrence.days].sort((a, b) => DAY_ORDER.indexOf(a) - DAY_ORDER.indexOf(b)).map((d) => DAY_NAMES[d]));
      when =
        recurrence.interval === 1
          ? `chaque ${days}`
          : `le ${days}, une semaine sur ${EVERY_N_WEEKS[recurrence.interval] ?? recurrence.interval}`;
      break;
    }
    case 'monthly': {
      const nth = [...recurrence.nth].sort((a, b) => (a === -1 ? 6 : a) - (b === -1 ? 6 : b));
      when = `${listFr(nth.map((n) => `le ${ordinalFr(n)}`))} ${DAY_NAMES[recurrence.day]} du mois`;
      break;
    }
    case 'appointment':
      when = 'sur rendez-vous uniquement';
      break;
    case 'dates':
      when = listFr([...recurrence.dates].sort().map((d) => `le ${dateFr(d)}`));
      break;
  }
  const parts = [when];
  if (permanence.opens && permanence.closes) parts[0] += ` de ${timeFr(permanence.opens)} à ${timeFr(permanence.closes)}`;
  if (permanence.by_appointment && recurrence.freq !== 'appointment') parts.push('sur rendez-vous');
  if (permanence.starts_on) parts.push(`à partir du ${dateFr(permanence.starts_on)}`);
  if (permanence.ends_on) parts.push(`jusqu’au ${dateFr(permanence.ends_on)}`);
  const note = scrubbed(permanence.note);
  return `${parts.join(', ')}${note ? ` (${note.replace(/[\s.]+$/, '')})` : ''}`;
}

/**
 * The OSM `opening_hours` of several permanences together (`Tu 09:00-12:00, We[2] 14:00-17:00;
 * PH off`: `,` adds a rule without replacing the others), or null when one of them takes place
 * at times OSM cannot say (every other week, bounded in time): a partial schedule would say
 * "closed" when it is not. Permanences by appointment only have no hours to add.
 */
export function combinedOpeningHours(permanences: readonly Pick<Permanence, 'recurrence' | 'opening_hours'>[]): string | null {
  const rules: string[] = [];
  for (const permanence of permanences) {
    if (permanence.recurrence.freq === 'appointment') continue;
    if (!permanence.opening_hours) return null;
    const rule = permanence.opening_hours.replace(/;\s*PH off\s*$/, '').trim();
    if (!rules.includes(rule)) rules.push(rule);
  }
  return rules.length === 0 ? null : `${rules.join(', ')}; PH off`;
}

/** Whether a permanence still takes place (it has not ended before `today`). */
const current = (today: string) => (permanence: Pick<Permanence, 'ends_on'>) => !permanence.ends_on || permanence.ends_on >= today;

// ---------------------------------------------------------------------------------------------
// Structures.

function kindFr(site: Site): string {
  if (site.role === 'antenna') return 'C’est une antenne : un lieu d’accueil rattaché à un espace France services principal.';
  switch (site.kind) {
    case 'bus':
      return 'C’est un bus France services : l’accueil se fait à bord, dans les communes où il s’arrête ; renseignez-vous sur ses lieux et jours de passage.';
    case 'roaming':
      return 'C’est un espace France services itinérant : ses agents tiennent des permanences dans plusieurs communes ; renseignez-vous sur les lieux et les jours.';
    case 'multisite':
      return 'Il fonctionne en multisite : l’accueil est assuré dans plusieurs lieux.';
    case 'antenna':
      return 'Il accueille le public dans un lieu fixe et dans une ou plusieurs antennes.';
    case 'fixed':
      return 'Il accueille le public dans un lieu fixe.';
  }
}

/** The national partners of the directory, in the contract's order. */
function nationalPartners(directory: Directory): DirectoryPartner[] {
  return NATIONAL_PARTNERS.map((id) => directory.partners.find((p) => p.id === id)).filter((p): p is DirectoryPartner => p !== undefined);
}

/**
 * The site's typed offers (issue 16) that are networks of the data·inclusion referential
 * `reseaux-porteurs` (data/data-inclusion/reseaux-porteurs.json): « Points Justice »
 * (`points-justice`), « Réseau Information Jeunesse » (`reseau-information-jeunesse`),
 * « Conseillers Numériques » (`conseillers-numeriques`). The others have no value in the
 * referential (no réseau, and the structure has no field for them): they are said in the
 * description (see OFFERS_FR).
 */
export const OFFER_NETWORKS: Readonly<Partial<Record<SiteOffer, string>>> = {
  'point-justice': 'points-justice',
  'information-jeunesse': 'reseau-information-jeunesse',
  'conseiller-numerique': 'conseillers-numeriques',
};

/** The typed offers in the structure's description, in French. */
const OFFERS_FR: Readonly<Record<SiteOffer, string>> = {
  'point-justice': 'un point justice',
  telemedicine: 'une cabine de téléconsultation',
  'information-jeunesse': 'un point information jeunesse',
  'conseiller-numerique': 'un conseiller numérique',
  'wheelchair-access': 'un accès en fauteuil roulant',
  'self-service-computer': 'un ordinateur et une imprimante en libre-service',
  'free-wifi': 'le Wi-Fi gratuit',
};

function structureDescription(site: Site, name: string, directory: Directory): string {
  const partners = nationalPartners(directory).map((p) => p.name);
  return [
    `${name} est un espace France services, à ${site.address.commune} : un guichet public de proximité où des agents formés accompagnent gratuitement chacun dans ses démarches administratives du quotidien.`,
    kindFr(site),
    `On y est accompagné pour les démarches des ${partners.length === 9 ? 'neuf' : partners.length} partenaires nationaux du réseau : ${listFr(partners)}.`,
    site.offers.length > 0 ? `On y trouve aussi ${listFr(site.offers.map((offer) => OFFERS_FR[offer]))}.` : '',
    site.appointment ? 'Il est possible d’y prendre rendez-vous.' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

const structureName = (site: Site) => cleanName(site.name, `France services ${site.address.commune}`);

const placeOf = (site: Site) => ({
  adresse: site.address.street.trim() || null,
  complement_adresse: site.address.complement?.trim() || null,
  code_postal: /^\d{5}$/.test(site.address.postcode) ? site.address.postcode : null,
  commune: site.address.commune.trim() || null,
  code_insee: /^\w{5}$/.test(site.address.insee_commune) ? site.address.insee_commune : null,
  latitude: site.location.lat,
  longitude: site.location.lon,
});

export function structureOf(site: Site, ctx: ExportContext): DataInclusionStructure {
  const nom = structureName(site);
  return {
    source: SOURCE,
    id: structureId(site.id),
    nom,
    // The list's date, or the last time the site's agents confirmed or changed its information.
    date_maj: site.verified_at ? latest([ctx.dataDate, isoDate(site.verified_at)]) : ctx.dataDate,
    description: structureDescription(site, nom, ctx.directory),
    ...placeOf(site),
    telephone: toE164(site.phone),
    courriel: validEmail(site.email),
    site_web: null,
    lien_source: ctx.origin ? `${ctx.origin}/api/v1/sites/${site.id}` : null,
    // The weekly hours with the site's exceptional closures and hours (`…; PH off; 2026 Dec 24 off`).
    horaires_accueil: site.opening_hours,
    // The carrier (La Poste, MSA…) is only inferred from the name: not published as a fact.
    reseaux_porteurs: ['france-service', ...site.offers.flatMap((offer) => OFFER_NETWORKS[offer] ?? [])],
    siret: null,
    accessibilite_lieu: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Services.

/** What the services of one national partner share at every site: computed once per directory. */
export interface NationalOffer {
  partner: DirectoryPartner;
  nom: string;
  thematiques: string[] | null;
  /** The description before the site's permanences of the partner, and after them. */
  lead: string;
  tail: string;
}

const offersByDirectory = new WeakMap<Directory, NationalOffer[]>();

/** Each national partner with the union of the thématiques of its démarches in the directory. */
export function nationalOffers(directory: Directory): NationalOffer[] {
  let offers = offersByDirectory.get(directory);
  if (!offers) {
    offers = nationalPartners(directory).map((partner) => {
      const values = new Set(directory.demarches.filter((d) => d.partners.includes(partner.id)).flatMap((d) => d.thematiques));
      return {
        partner,
        nom: cleanName(`Accompagnement aux démarches : ${partner.name}`, `Accompagnement aux démarches : ${partner.short_name}`),
        thematiques: values.size > 0 ? [...values].sort() : null,
        lead: [
          `Les agents France services accompagnent gratuitement les démarches du partenaire national « ${partner.name} » : information, aide aux démarches en ligne et mise en relation avec le partenaire si besoin.`,
          partner.description.trim(),
          `Démarches courantes : ${listFr(partner.handles.map((h) => h.replace(/[\s.]+$/, '')))}.`,
        ].join(' '),
        tail: `Site officiel : ${partner.website}`,
      };
    });
    offersByDirectory.set(directory, offers);
  }
  return offers;
}

/** Services per site before its local partners: one per national partner. */
export const nationalServicesPerSite = (directory: Directory) => nationalOffers(directory).length;

const serviceLink = (site: Site, ctx: ExportContext) => (ctx.origin ? `${ctx.origin}/api/v1/sites/${site.id}/partners` : null);

/** The fields every service of a site shares: the place, the contacts, the fixed values. */
function serviceBase(site: Site, ctx: ExportContext) {
  return {
    source: SOURCE,
    structure_id: structureId(site.id),
    ...placeOf(site),
    telephone: toE164(site.phone),
    courriel: validEmail(site.email),
    contact_nom_prenom: null,
    frais_precisions: null,
    publics_precisions: null,
    conditions_acces: null,
    lien_mobilisation: null,
    lien_source: serviceLink(site, ctx),
    zone_eligibilite: null,
    nombre_semaines: null,
    volume_horaire_hebdomadaire: null,
  };
}

function permanencesFr(permanences: readonly Permanence[]): string {
  if (permanences.length === 0) return '';
  return `${permanences.length === 1 ? 'Permanence' : 'Permanences'} sur place : ${permanences.map(permanenceFr).join(' ; ')}.`;
}

type ServiceBase = ReturnType<typeof serviceBase>;

/** The accompaniment of a national partner's démarches by the site's agents. */
export function nationalServiceOf(
  site: Site,
  offer: NationalOffer,
  permanences: readonly Permanence[],
  ctx: ExportContext,
  base: ServiceBase = serviceBase(site, ctx),
): DataInclusionService {
  const { partner } = offer;
  const ours = permanences.filter((p) => p.partner === partner.id).filter(current(ctx.today));
  return {
    ...base,
    id: nationalServiceId(site.id, partner.id),
    nom: offer.nom,
    description: ours.length > 0 ? `${offer.lead} ${permanencesFr(ours)} ${offer.tail}` : `${offer.lead} ${offer.tail}`,
    date_maj: latest([ctx.dataDate, ctx.directory.updated_on, ...ours.map((p) => isoDate(p.updated_at))]),
    type: 'accompagnement',
    thematiques: offer.thematiques,
    // Free of charge and open to all: the France services charter.
    frais: 'gratuit',
    publics: ['tous-publics'],
    modes_accueil: ['en-presentiel'],
    modes_mobilisation: base.telephone ? ['se-presenter', 'telephoner'] : ['se-presenter'],
    mobilisable_par: ['usagers'],
    mobilisation_precisions: site.appointment
      ? 'Se présenter aux horaires d’accueil ou prendre rendez-vous.'
      : 'Se présenter aux horaires d’accueil.',
    horaires_accueil: site.opening_hours,
  };
}

/** A local partner met at the site (mission locale, conciliateur…), as its agents described it. */
export function localServiceOf(
  site: Site,
  local: LocalPartner,
  permanences: readonly Permanence[],
  ctx: ExportContext,
  base: ServiceBase = serviceBase(site, ctx),
): DataInclusionService {
  const ours = permanences.filter((p) => p.local_partner_id === local.id).filter(current(ctx.today));
  const siteName = structureName(site);
  const name = cleanName(scrubbed(local.name) ?? '', 'Partenaire local');
  const described = scrubbed(local.description);
  const description = [
    `${name} : partenaire local rencontré à ${siteName}.`,
    described ? (/[.!?…]$/u.test(described) ? described : `${described}.`) : '',
    permanencesFr(ours),
    local.website ? `Site web : ${local.website}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const byAppointmentOnly = ours.length > 0 && ours.every((p) => p.by_appointment);
  const phone = toE164(local.phone) ?? base.telephone;
  const modes = [
    ...(ours.length > 0 && !byAppointmentOnly ? (['se-presenter'] as const) : []),
    ...(phone ? (['telephoner'] as const) : []),
  ];
  return {
    ...base,
    id: localServiceId(site.id, local.id),
    nom: name,
    description,
    date_maj: latest([isoDate(local.updated_at), ...ours.map((p) => isoDate(p.updated_at))]),
    type: null,
    thematiques: local.thematiques.length > 0 ? [...new Set(local.thematiques)] : null,
    frais: null,
    publics: null,
    modes_accueil: ['en-presentiel'],
    modes_mobilisation: modes.length > 0 ? modes : null,
    mobilisable_par: ['usagers'],
    mobilisation_precisions: byAppointmentOnly ? 'Sur rendez-vous.' : null,
    telephone: phone,
    horaires_accueil: combinedOpeningHours(ours),
  };
}

/** An outreach stop with its OSM hours (generated from its rules, see sites/itinerant-stop.ts). */
export type ExportedStop = Pick<
  OutreachStop,
  'id' | 'kind' | 'name' | 'address' | 'location' | 'rules' | 'offer' | 'partner' | 'note' | 'updated_at'
> & {
  opening_hours: string | null;
};

/**
 * A bus's stop or a permanence the site's agents hold in another commune (issue 16): a service of
 * the site's structure at the stop's own place (data·inclusion services have their own address),
 * with its OSM hours, and its days in plain French (OSM cannot say every other week).
 */
export function stopServiceOf(
  site: Site,
  stop: ExportedStop,
  ctx: ExportContext,
  base: ServiceBase = serviceBase(site, ctx),
): DataInclusionService {
  const siteName = structureName(site);
  const commune = stop.address.commune;
  const partner =
    stop.offer === 'partner' && stop.partner && !stop.partner.startsWith('local:')
      ? ctx.directory.partners.find((p) => p.id === stop.partner)
      : undefined;
  const what =
    stop.offer === 'conseiller-numerique'
      ? 'un conseiller numérique'
      : stop.offer === 'partner'
        ? `la permanence ${partner ? `de « ${partner.name} »` : 'd’un partenaire'}`
        : 'les agents France services';
  const nom =
    stop.kind === 'bus-stop'
      ? `Bus France services — ${commune}`
      : `Permanence ${stop.offer === 'conseiller-numerique' ? 'conseiller numérique' : 'France services'} — ${commune}`;
  const when = stop.rules.map((rule) =>
    permanenceFr({
      recurrence: rule.recurrence,
      opens: rule.opens,
      closes: rule.closes,
      by_appointment: false,
      starts_on: rule.starts_on ?? null,
      ends_on: rule.ends_on ?? null,
      note: null,
    }),
  );
  const note = scrubbed(stop.note);
  const description = [
    stop.kind === 'bus-stop'
      ? `Le bus de ${siteName} s’arrête à ${commune} (${scrubbed(stop.name) ?? ''}) : ${what} y accompagnent gratuitement chacun dans ses démarches administratives.`
      : `${siteName} tient une permanence à ${commune} (${scrubbed(stop.name) ?? ''}) : ${what} y accompagne${stop.offer === 'france-services' ? 'nt' : ''} gratuitement chacun dans ses démarches.`,
    when.length > 0
      ? `Passages : ${when.join(' ; ')} (sauf jours fériés).`
      : 'Jours et horaires de passage non publiés : renseignez-vous auprès de l’espace France services.',
    note ? (/[.!?…]$/u.test(note) ? note : `${note}.`) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    ...base,
    adresse: stop.address.street.trim() || null,
    complement_adresse: null,
    code_postal: /^\d{5}$/.test(stop.address.postcode) ? stop.address.postcode : null,
    commune: commune.trim() || null,
    code_insee: /^\w{5}$/.test(stop.address.insee_commune) ? stop.address.insee_commune : null,
    latitude: stop.location.lat,
    longitude: stop.location.lon,
    id: stopServiceId(site.id, stop.id),
    nom: cleanName(nom, `France services — ${commune}`),
    description,
    date_maj: latest([ctx.dataDate, isoDate(stop.updated_at)]),
    type: 'accompagnement',
    thematiques: null,
    frais: 'gratuit',
    publics: ['tous-publics'],
    modes_accueil: ['en-presentiel'],
    modes_mobilisation: ['se-presenter'],
    mobilisable_par: ['usagers'],
    mobilisation_precisions: 'Se présenter au lieu et aux horaires de passage.',
    lien_source: ctx.origin ? `${ctx.origin}/api/v1/sites/${site.id}/stops` : null,
    horaires_accueil: stop.opening_hours,
  };
}

/** Every service of a site, in a stable order: the national partners, then the local ones as given, then its outreach stops. */
export function servicesOfSite(
  site: Site,
  locals: readonly LocalPartner[],
  permanences: readonly Permanence[],
  ctx: ExportContext,
  stops: readonly ExportedStop[] = [],
): DataInclusionService[] {
  const base = serviceBase(site, ctx);
  return [
    ...nationalOffers(ctx.directory).map((offer) => nationalServiceOf(site, offer, permanences, ctx, base)),
    ...locals.map((local) => localServiceOf(site, local, permanences, ctx, base)),
    ...stops.map((stop) => stopServiceOf(site, stop, ctx, base)),
  ];
}

/** `{ items, total, page, size, pages }` for a page of `size` items. */
export const pageInfo = (total: number, page: number, size: number) => ({
  total,
  page,
  size,
  pages: Math.ceil(total / size),
  offset: (page - 1) * size,
});
