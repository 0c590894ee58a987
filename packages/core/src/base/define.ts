/**
 * Registers a custom element once. Two bundles of the widgets on one page (a CMS plugin and a
 * hand-pasted script) must not throw "already defined".
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
