/**
 * Fires a widget event: `bubbles` and `composed` so the host page hears it through shadow roots.
 * Names follow one rule (docs/architecture.md, "Events"): `fs-` + what it is about + a verb in
 * the present tense, like the DOM's own `change`, `select`, `submit`.
 *
 * `formerName`: the name the event had before it followed the rule. It is fired too, right
 * after, with the same detail, for one release, so that a published page listening to it keeps
 * working; preventing either prevents the default action.
 */
export function emit<T>(
  target: EventTarget,
  name: string,
  detail: T,
  options: { cancelable?: boolean; formerName?: string } = {},
): CustomEvent<T> {
  const init = { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false };
  const event = new CustomEvent<T>(name, init);
  target.dispatchEvent(event);
  if (options.formerName) {
    const former = new CustomEvent<T>(options.formerName, init);
    target.dispatchEvent(former);
    if (former.defaultPrevented) event.preventDefault();
  }
  return event;
}
