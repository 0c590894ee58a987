import type { Location } from '@fs-widgets/contract';

/**
 * Which maps application a link can open on this device:
 * - `geo`: Android, where a `geo:` URI (RFC 5870) opens the maps application the person chose;
 * - `apple`: iPhone and iPad, where nothing handles `geo:` but a maps.apple.com link opens Plans;
 * - `none`: desktops and anything else, where a `geo:` link does nothing at all: only the web
 *   directions are offered there.
 */
export type MapsApp = 'geo' | 'apple' | 'none';

/** What {@link mapsAppFor} reads of `navigator` (a plain object in tests). */
export interface PlatformHints {
  userAgent: string;
  maxTouchPoints?: number;
  /** User-Agent Client Hints (Chromium): `platform` is "Android", "Windows", "macOS"… */
  userAgentData?: { platform?: string };
}

/**
 * The maps application of a platform. A browser cannot be asked whether a URL scheme has a
 * handler (a `geo:` link on a desktop fails silently), so this is platform detection: the
 * client hints' platform where the browser gives it, else the user-agent string. iPadOS
 * presents itself as a Mac: a "Mac" with a touch screen is an iPad.
 */
export function mapsAppFor(hints: PlatformHints): MapsApp {
  const platform = hints.userAgentData?.platform ?? '';
  if (/^android$/i.test(platform) || /\bAndroid\b/.test(hints.userAgent)) return 'geo';
  if (/\b(iPhone|iPad|iPod)\b/.test(hints.userAgent)) return 'apple';
  if (/\bMacintosh\b/.test(hints.userAgent) && (hints.maxTouchPoints ?? 0) > 1) return 'apple';
  return 'none';
}

let detected: MapsApp | undefined;

/** This browser's maps application, worked out once per page. */
export function detectedMapsApp(): MapsApp {
  detected ??= typeof navigator === 'undefined' ? 'none' : mapsAppFor(navigator as PlatformHints);
  return detected;
}

/**
 * A link that opens the site in the device's maps application, with its name on the pin; null
 * where there is none (`none`).
 */
export function mapsAppUrl(app: MapsApp, to: Location, name: string): string | null {
  // Brackets would end the label of a `geo:` query early: percent-encode them too.
  const label = encodeURIComponent(name).replace(/\(/g, '%28').replace(/\)/g, '%29');
  if (app === 'geo') return `geo:${to.lat},${to.lon}?q=${to.lat},${to.lon}(${label})`;
  if (app === 'apple') return `https://maps.apple.com/?ll=${to.lat},${to.lon}&q=${label}`;
  return null;
}

/** Directions on OpenStreetMap, from the search origin when it is a known point. */
export function directionsUrl(to: Location, from?: Location | null): string {
  if (from) {
    return `https://www.openstreetmap.org/directions?engine=fossgis_osrm_car&route=${from.lat}%2C${from.lon}%3B${to.lat}%2C${to.lon}`;
  }
  return `https://www.openstreetmap.org/?mlat=${to.lat}&mlon=${to.lon}#map=16/${to.lat}/${to.lon}`;
}
