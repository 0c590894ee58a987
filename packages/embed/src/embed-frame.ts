/**
 * Loaded by the embed pages (`/embed/<tag>`): tells the page that frames this one how tall the
 * widget is, whenever that changes (results shown, details opened, the language loaded), with
 * `postMessage`. The host page's `fs-iframe-resize.js` sets the iframe's height from it; a page
 * without that script keeps the iframe's own `height`. The height is not secret: it is posted to
 * any parent (`'*'`); the frame's content never is.
 */
import { FRAME_HEIGHT_MESSAGE, type FrameHeightMessage } from './frame-height.js';

if (window.parent !== window) {
  let last = 0;
  // The page's widget (`<body data-widget="fs-…">`). Until its code has arrived the page shows a
  // placeholder: the frame keeps the height the host gave it rather than shrink to the
  // placeholder's and grow again a moment later.
  const tag = document.body.dataset.widget;
  const post = () => {
    if (tag && !customElements.get(tag)) return;
    // The document's own height (not the viewport's): the frame can shrink as well as grow.
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    const message: FrameHeightMessage = { type: FRAME_HEIGHT_MESSAGE, height };
    window.parent.postMessage(message, '*');
  };
  new ResizeObserver(post).observe(document.documentElement);
  if (tag) void customElements.whenDefined(tag).then(post);
  // The host page's script may start after this page: it asks, and gets the current height.
  window.addEventListener('message', (event) => {
    if (event.source === window.parent && event.data === `${FRAME_HEIGHT_MESSAGE}?`) {
      last = 0;
      post();
    }
  });
}
