import type { KeyFiguresStrings } from './key-figures.strings.fr.js';

export const keyFiguresEn: KeyFiguresStrings = {
  keyFigures: {
    titleNetwork: 'France services in figures',
    titleSite: (name) => `${name} in figures`,
    titleSiteUnnamed: 'Your France services in figures',
    sites: 'France services',
    antennas: (count, n) => (n === 1 ? `and ${count} satellite site (antenne)` : `and ${count} satellite sites (antennes)`),
    sitesAndAntennas: 'France services and satellite sites',
    acts: (n) => (n === 1 ? 'request handled' : 'requests handled'),
    firstVisit: 'of requests solved at the first visit',
    firstVisitHeading: 'Solved at the first visit',
    satisfied: 'of users satisfied',
    satisfiedOf: (count) => `out of ${count} answers`,
    satisfactionHeading: 'User satisfaction',
    notEnough: 'not enough answers yet',
    minimumNote: (min) => `A rate is published from ${min} answers only.`,
    empty: 'No request or answer recorded for this period yet.',
    period: (from, to) => `From ${from} to ${to}`,
    source: 'source: France services widgets, agents’ records and anonymous user answers',
    sitesSource: (attribution) => `Number of France services: ${attribution}.`,
    invalidYear: (year) => `The year “${year}” is not available: give a past year or the current one (year attribute).`,
  },
};
