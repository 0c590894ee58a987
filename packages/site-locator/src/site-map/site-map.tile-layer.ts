import type * as Leaflet from 'leaflet';

/** The private parts of Leaflet 1.9's TileLayer that the subclass below replaces. */
interface TileLayerInternals {
  _tiles: Record<string, { el: HTMLImageElement; coords: Leaflet.Coords }>;
  _tileZoom: number;
  _map?: Leaflet.Map;
  fire(type: string, data?: unknown): void;
}

/**
 * A TileLayer that runs under a strict Content-Security-Policy. Leaflet 1.9 cancels a tile that
 * is removed or no longer wanted by pointing it at a `data:` GIF, which `img-src` without
 * `data:` blocks and reports, once per tile, at every zoom. Removing the `src` attribute cancels
 * the request just as well, with no request and no report. Receives Leaflet (loaded lazily).
 */
export function cspSafeTileLayer(L: typeof Leaflet): new (url: string, options?: Leaflet.TileLayerOptions) => Leaflet.TileLayer {
  const tileReady = (L.TileLayer.prototype as unknown as { _tileReady: (...args: unknown[]) => void })._tileReady;
  const removeTile = (L.GridLayer.prototype as unknown as { _removeTile: (key: string) => void })._removeTile;
  return L.TileLayer.extend({
    _removeTile(this: TileLayerInternals, key: string) {
      const tile = this._tiles[key];
      if (!tile) return;
      tile.el.removeAttribute('src');
      removeTile.call(this, key);
    },

    _abortLoading(this: TileLayerInternals) {
      for (const key of Object.keys(this._tiles)) {
        const { el, coords } = this._tiles[key]!;
        if (coords.z === this._tileZoom || el.complete) continue;
        el.removeAttribute('src');
        el.remove();
        delete this._tiles[key];
        this.fire('tileabort', { tile: el, coords });
      }
    },

    _tileReady(this: TileLayerInternals, coords: Leaflet.Coords, err: unknown, tile?: HTMLImageElement) {
      // A cancelled tile has no src: its late load or error events mean nothing.
      if (!this._map || (tile && !tile.hasAttribute('src'))) return;
      tileReady.call(this, coords, err, tile);
    },
  }) as unknown as new (url: string, options?: Leaflet.TileLayerOptions) => Leaflet.TileLayer;
}
