// The kiosk page reads its site from the address (?site=2983): a site's agents bookmark it on
// the counter tablet. A file of its own, since the page runs under a strict CSP (no inline script).
const params = new URLSearchParams(window.location.search);
const kiosk = document.querySelector('fs-satisfaction');
kiosk.setAttribute('site-id', params.get('site') ?? '');
if (params.get('suivi') === '1') kiosk.setAttribute('ask-resolved', '');
if (params.get('commentaire') === '1') kiosk.setAttribute('ask-comment', '');

const button = document.getElementById('plein-ecran');
const sync = () => (button.hidden = !!document.fullscreenElement || !document.fullscreenEnabled);
button.addEventListener('click', () => document.documentElement.requestFullscreen().catch(() => {}));
document.addEventListener('fullscreenchange', sync);
sync();
