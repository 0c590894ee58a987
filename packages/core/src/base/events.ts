/** Fires a widget event: `bubbles` and `composed` so the host page hears it through shadow roots. */
export function emit<T>(
  target: EventTarget,
  name: string,
  detail: T,
  options: { cancelable?: boolean } = {},
): CustomEvent<T> {
  const event = new CustomEvent<T>(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false });
  target.dispatchEvent(event);
  return event;
}
