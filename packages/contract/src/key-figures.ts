import Type, { type Static } from 'typebox';
import { KEY_FIGURES_MIN_COUNT, SITE_ID_PATTERN } from './codes.js';

// The minimum is plain data (in codes.ts) so that the widget can say it without the schema library.
export { KEY_FIGURES_MIN_COUNT } from './codes.js';

/** The first calendar year of the France services network (its first sites opened in January 2020). */
export const KEY_FIGURES_FIRST_YEAR = 2020;

const share = (description: string) => Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description });

export const KeyFiguresQuery = Type.Object({
  site: Type.Optional(Type.String({ pattern: SITE_ID_PATTERN, description: 'A site (`id_fs`); the whole network when absent.' })),
  year: Type.Optional(
    Type.Integer({
      minimum: KEY_FIGURES_FIRST_YEAR,
      maximum: 9999,
      description: `A calendar year, ${KEY_FIGURES_FIRST_YEAR} to the current one (in Europe/Paris); the current year when absent.`,
    }),
  ),
});
export type KeyFiguresQuery = Static<typeof KeyFiguresQuery>;

/** The public key figures of the network or of a site, for a calendar year (the communication kit). */
export const KeyFigures = Type.Object(
  {
    scope: Type.Object({
      site: Type.Union([Type.String(), Type.Null()], { description: 'The site, or null for the whole network.' }),
      year: Type.Integer(),
      from: Type.String({ format: 'date', description: 'First day of the period: 1 January of `year`.' }),
      to: Type.String({
        format: 'date',
        description: 'Last day of the period: today (Europe/Paris) for the current year, else 31 December.',
      }),
    }),
    sites: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description:
        'The network: the number of rows in the published list, that is the France services (`main_sites`) and their ' +
        'antennas (`antennas`). A site: null.',
    }),
    main_sites: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description:
        'The network: the France services themselves (`type_fs` "Principal" in the ANCT list), buses and roaming ones ' +
        'included. A site: null.',
    }),
    antennas: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description:
        'The network: the antennas, extra sites attached to one France services (`type_fs` "Antenne" in the ANCT list). ' + 'A site: null.',
    }),
    acts: Type.Integer({ minimum: 0, description: 'Requests handled ("actes") recorded by the agents over the period.' }),
    first_visit_share: share(
      `Share of the acts solved at the first visit; null below ${KEY_FIGURES_MIN_COUNT} acts (not enough to publish a rate).`,
    ),
    satisfaction: Type.Object({
      answers: Type.Integer({ minimum: 0, description: 'Satisfaction answers over the period, every channel.' }),
      satisfied_share: share(`Share of the two top levels ("très satisfait", "satisfait"); null below ${KEY_FIGURES_MIN_COUNT} answers.`),
    }),
    generated_at: Type.String({ format: 'date-time', description: 'When the figures were computed.' }),
  },
  { title: 'KeyFigures' },
);
export type KeyFigures = Static<typeof KeyFigures>;
