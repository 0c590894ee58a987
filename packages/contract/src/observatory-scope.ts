import Type, { type Static } from 'typebox';

/*
 * The scopes of the network observatory (issue 17): who observes which sites. A département's
 * token sees the sites of its département, a carrier's the sites whose carrier a network
 * administrator SET to it (the name-based guess never grants access), the network's every site.
 * Carriers (structures porteuses) are named by network administrators, one per site.
 */

/** Kinds of carrier, as the programme's reviews count them. */
export const CARRIER_KINDS = ['collectivite', 'la-poste', 'association', 'etat', 'msa', 'autre'] as const;
export type CarrierKind = (typeof CARRIER_KINDS)[number];

/** A carrier's id: a slug of lower-case letters and digits, e.g. `la-poste`, `cc-val-de-charente`. */
export const CARRIER_ID_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
export const CARRIER_ID_MAX_LENGTH = 64;
/** A département's or overseas territory's code: `01`…`95`, `2A`, `2B`, `971`…`988`. */
export const DEPARTEMENT_CODE_PATTERN = '^(?:[0-9]{2}|2[AB]|9[78][0-9])$';

const literals = <T extends string>(values: readonly T[], title: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as [ReturnType<typeof Type.Literal<T>>], { title });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const CarrierKindSchema = literals<CarrierKind>(CARRIER_KINDS, 'CarrierKind');
const carrierId = (description: string) =>
  Type.String({ pattern: CARRIER_ID_PATTERN, minLength: 1, maxLength: CARRIER_ID_MAX_LENGTH, description });

/** The scope query of every observatory route: none = the token's own scope (the network's for an admin or network token). */
export const ObservatoryScopeQuery = Type.Object(
  {
    departement: Type.Optional(
      Type.String({ pattern: DEPARTEMENT_CODE_PATTERN, description: 'A département’s code: `48`, `2A`, `974`. Not with `carrier`.' }),
    ),
    carrier: Type.Optional(carrierId('A carrier’s id (`GET /observatory/carriers`). Not with `departement`.')),
  },
  { title: 'ObservatoryScopeQuery' },
);
export type ObservatoryScopeQuery = Static<typeof ObservatoryScopeQuery>;

/** Which scope an observatory answer is about. */
export const ObservatoryScope = Type.Object(
  {
    kind: literals(['network', 'departement', 'carrier'] as const, 'ObservatoryScopeKind'),
    department: Nullable(Type.String({ description: 'The département’s code of a `departement` scope.' })),
    carrier: Nullable(Type.String({ description: 'The carrier’s id of a `carrier` scope.' })),
    label: Type.String({ description: '« Réseau national », « Lozère (48) », « La Poste ».' }),
    departments: Nullable(
      Type.Array(Type.String(), { description: 'The départements covered (a carrier’s: those of its sites); null for the network (all).' }),
    ),
    sites: Type.Integer({ minimum: 0, description: 'Sites in the scope.' }),
  },
  { title: 'ObservatoryScope' },
);
export type ObservatoryScope = Static<typeof ObservatoryScope>;

export const Carrier = Type.Object(
  {
    id: carrierId('Slug of the carrier.'),
    name: Type.String(),
    kind: CarrierKindSchema,
    created_at: Type.String({ format: 'date-time' }),
  },
  { title: 'Carrier' },
);
export type Carrier = Static<typeof Carrier>;

/** `POST /admin/carriers`: a network administrator names a carrier. */
export const CarrierCreate = Type.Object(
  {
    id: carrierId('Slug of the carrier, chosen once: `cc-val-de-charente`.'),
    name: Type.String({ minLength: 1, maxLength: 200, description: 'Its name as written: « Communauté de communes du Val de Charente ».' }),
    kind: CarrierKindSchema,
  },
  { title: 'CarrierCreate', additionalProperties: false },
);
export type CarrierCreate = Static<typeof CarrierCreate>;

/** `PUT /admin/sites/{id}/carrier`: the carrier SET for a site, or null to remove it (the guess is shown again). */
export const SiteCarrierInput = Type.Object(
  { carrier_id: Nullable(carrierId('A carrier made with `POST /admin/carriers`; null: no carrier set.')) },
  { title: 'SiteCarrierInput', additionalProperties: false },
);
export type SiteCarrierInput = Static<typeof SiteCarrierInput>;

export const SiteCarrier = Type.Object(
  {
    site_id: Type.String(),
    carrier: Nullable(Carrier),
    set_by: Nullable(Type.String({ description: 'Who set it (an access’s label, `cli`, an imported file).' })),
    set_at: Nullable(Type.String({ format: 'date-time' })),
  },
  { title: 'SiteCarrier' },
);
export type SiteCarrier = Static<typeof SiteCarrier>;

/** `GET /observatory/carriers`: the carriers of a scope with their sites there. */
export const ObservatoryCarriers = Type.Object(
  {
    scope: ObservatoryScope,
    items: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          name: Type.String(),
          kind: CarrierKindSchema,
          sites: Type.Integer({
            minimum: 0,
            description: 'Sites of the scope whose carrier is set to it (0 only in the network’s view, which lists every carrier).',
          }),
        },
        { title: 'ObservatoryCarrier' },
      ),
    ),
    unset: Type.Object(
      {
        sites: Type.Integer({ minimum: 0, description: 'Sites of the scope with no carrier set.' }),
        guessed: Type.Integer({
          minimum: 0,
          description: 'Of them, those whose carrier is guessed from the name (La Poste, MSA, sous-préfecture): shown as a guess.',
        }),
      },
      { description: 'The sites whose carrier is unknown: a guess is never counted as a carrier.' },
    ),
  },
  { title: 'ObservatoryCarriers' },
);
export type ObservatoryCarriers = Static<typeof ObservatoryCarriers>;
