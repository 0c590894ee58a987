import type { Commune, Location } from '@fs-widgets/contract';

/** A place chosen in `<fs-commune-search>`: a commune, or an address from the optional geocoder. */
export interface FsPlaceSelectDetail {
  kind: 'commune' | 'address';
  /** What the person sees: "Mende (48000)", "12 Rue de la République 48000 Mende". */
  label: string;
  /** Short name for sentences: "Mende". */
  name: string;
  location: Location | null;
  /** The commune, when a commune was chosen (its INSEE code is the stable search key). */
  commune?: Commune;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-place-select': CustomEvent<FsPlaceSelectDetail>;
  }
}
