import type { CoverageBand } from '@fs-widgets/contract';

/** The bands in their order, with their colours (a sequential palette, colour-blind safe; grey: unknown). */
export const BANDS: readonly CoverageBand[] = ['under-10', '10-20', '20-30', '30-45', 'over-45', 'no-road', 'unknown'];

export const BAND_COLOURS: Record<CoverageBand, string> = {
  'under-10': '#0b4f6c',
  '10-20': '#2a8c82',
  '20-30': '#9cbf4f',
  '30-45': '#f0a24b',
  'over-45': '#b23a48',
  'no-road': '#5b1a6e',
  unknown: '#9e9e9e',
};

/** Beyond 30 minutes, or no site by road: the programme's promise is not kept there (« zone blanche »). */
export const isWhiteZone = (band: CoverageBand) => band === '30-45' || band === 'over-45' || band === 'no-road';

/** The choropleth's colour of a département from its share of population within 30 min. */
export function shareColour(share: number | null): string {
  if (share === null) return '#d9dee0';
  if (share >= 0.99) return '#cfe3e8';
  if (share >= 0.95) return '#9cc6d1';
  if (share >= 0.9) return '#5f9fb1';
  return '#2f6f83';
}
