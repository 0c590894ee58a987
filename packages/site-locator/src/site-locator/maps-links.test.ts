import { expect } from '@open-wc/testing';
import { detectedMapsApp, mapsAppFor, mapsAppUrl } from './maps-links.js';

const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
// Chromium's reduced user-agent string on Android tablets may say "Linux; Android 10; K": the hints say Android.
const REDUCED = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

describe('maps links', () => {
  it('finds the maps application of each platform', () => {
    expect(mapsAppFor({ userAgent: ANDROID })).to.equal('geo');
    expect(mapsAppFor({ userAgent: REDUCED, userAgentData: { platform: 'Android' } })).to.equal('geo');
    expect(mapsAppFor({ userAgent: IPHONE })).to.equal('apple');
    // iPadOS says it is a Mac; a Mac has no touch screen.
    expect(mapsAppFor({ userAgent: MAC, maxTouchPoints: 5 })).to.equal('apple');
    expect(mapsAppFor({ userAgent: MAC, maxTouchPoints: 0 })).to.equal('none');
    expect(mapsAppFor({ userAgent: WINDOWS, userAgentData: { platform: 'Windows' } })).to.equal('none');
    expect(mapsAppFor({ userAgent: REDUCED, userAgentData: { platform: 'Linux' } })).to.equal('none');
  });

  it('works it out once for this browser (headless Chromium on Linux: none)', () => {
    expect(detectedMapsApp()).to.equal('none');
    expect(detectedMapsApp()).to.equal(detectedMapsApp());
  });

  it('makes each platform’s link, with the name on the pin, and none where nothing opens it', () => {
    const at = { lat: 44.519385, lon: 3.495594 };
    expect(mapsAppUrl('geo', at, 'Bus (Mende)')).to.equal('geo:44.519385,3.495594?q=44.519385,3.495594(Bus%20%28Mende%29)');
    expect(mapsAppUrl('apple', at, 'Bus (Mende)')).to.equal('https://maps.apple.com/?ll=44.519385,3.495594&q=Bus%20%28Mende%29');
    expect(mapsAppUrl('none', at, 'Bus (Mende)')).to.equal(null);
  });
});
