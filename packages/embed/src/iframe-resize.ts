/**
 * `<script src="https://<server>/widgets/v<version>/fs-iframe-resize.js"></script>` on a host
 * page: the iframes of the widgets' server (`/embed/<tag>`) take the height of their content,
 * which the embed page reports (`embed-frame.js`). A classic script (not a module), no inline
 * style attribute, no eval: it runs under a strict Content-Security-Policy with the server in
 * `script-src`. Without it (a CMS that strips scripts) each iframe keeps its `height` attribute.
 *
 * Only messages from the script's own origin, and from one of the page's iframes, are heard.
 */
import { FRAME_HEIGHT_MESSAGE, isFrameHeightMessage } from './frame-height.js';

const script = document.currentScript as HTMLScriptElement | null;
const origin = script?.src ? new URL(script.src).origin : undefined;

function framesOfOrigin(): HTMLIFrameElement[] {
  return [...document.querySelectorAll('iframe')].filter((frame) => {
    try {
      return new URL(frame.src, document.baseURI).origin === origin;
    } catch {
      return false;
    }
  });
}

/** Whether a frame shows a page already (not the `about:blank` every frame starts with). */
function showsItsPage(frame: HTMLIFrameElement): boolean {
  try {
    // Readable: a document of this page's origin, the initial one unless the server is this origin.
    return frame.contentWindow?.location.href !== 'about:blank';
  } catch {
    return true; // another origin's document: the embed page has arrived
  }
}

if (origin) {
  window.addEventListener('message', (event) => {
    if (event.origin !== origin || !isFrameHeightMessage(event.data)) return;
    const frame = framesOfOrigin().find((f) => f.contentWindow === event.source);
    if (!frame) return;
    const height = String(event.data.height);
    frame.setAttribute('height', height);
    // Through the CSSOM (allowed by any style-src), and important: a page rule `iframe { height: … }` would win over the attribute.
    frame.style.setProperty('height', `${height}px`, 'important');
  });
  // Frames that loaded before this script ran have already posted: ask them again. Only those
  // that show their page already: a frame still on its first `about:blank` (this page's origin)
  // cannot receive a message for the server's origin, and the browser would log a warning.
  const ask = () => {
    for (const frame of framesOfOrigin()) if (showsItsPage(frame)) frame.contentWindow?.postMessage(`${FRAME_HEIGHT_MESSAGE}?`, origin);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ask, { once: true });
  else ask();
  window.addEventListener('load', ask, { once: true });
}
