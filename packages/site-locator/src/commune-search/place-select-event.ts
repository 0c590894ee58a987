import type { Commune, Location } from '@fs-widgets/contract';

/** A place chosen in `<fs-commune-search>`: a commune, or an address from the optional geocoder. */
export interface FsPlaceSelectDetail {
  kind: 'commune' | 'address';
  /**
   * What the field shows once it is chosen: the commune's label, its name with its département
   * where another commune has the same name ("Mende", "Saint-Denis (La Réunion)"), or the
   * address ("12 Rue de la République 48000 Mende").
   */
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
