// The kiosk page reads its site from the address (?site=2983): a site's agents bookmark it on
// the counter tablet. A file of its own, since the page runs under a strict CSP (no inline script).
const params = new URLSearchParams(window.location.search);
const kiosk = document.querySelector('fs-satisfaction');
const site = (params.get('site') ?? '').trim();
if (!site) {
  // No site in the address: the page says what to add to it (the widget would speak of its attribute).
  kiosk.remove();
  document.getElementById('reglage').hidden = false;
}
kiosk.setAttribute('site-id', site);
if (params.get('suivi') === '1') kiosk.setAttribute('ask-resolved', '');
if (params.get('commentaire') === '1') kiosk.setAttribute('ask-comment', '');

const button = document.getElementById('plein-ecran');
// The browser's own full screen (F11, a browser started in kiosk mode) puts no element in full
// screen: only the display mode says it.
const browserFullScreen = window.matchMedia('(display-mode: fullscreen)');
// Not while the page asks for its site, nor once in full screen of either kind (the public would see it).
const sync = () => (button.hidden = !site || !!document.fullscreenElement || browserFullScreen.matches || !document.fullscreenEnabled);
button.addEventListener('click', () => document.documentElement.requestFullscreen().catch(() => {}));
document.addEventListener('fullscreenchange', sync);
browserFullScreen.addEventListener('change', sync);
sync();
