/**
 * A keyboard walk through a widget, for component tests in Chromium: Tab pressed (real key
 * presses, sendKeys) from a starting point until the focus leaves the widget, each control
 * reached checked for a visible focus indicator, and every control the widget shows checked
 * reached. The core's tokens draw the indicator as a 3 px solid outline (`:focus-visible`); a
 * radio or checkbox drawn invisible inside its tile shows it on the tile (its `label`).
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

const CONTROLS = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/** The focused element inside `host`'s shadow root (through nested shadow roots), or null once the focus left it. */
function focusedIn(host: Element): HTMLElement | null {
  let active = host.shadowRoot?.activeElement as HTMLElement | null | undefined;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active ?? null;
}

/** The element that shows a control's focus: the control, or the tile (label) of a radio or checkbox drawn invisible. */
function indicatorOf(control: HTMLElement): HTMLElement {
  const style = getComputedStyle(control);
  const invisible = Number(style.opacity) === 0 || control.getBoundingClientRect().width <= 1;
  return invisible ? (control.closest('label') ?? control) : control;
}

/** Why the focused `control` shows no visible focus indicator, or '' when it does (an outline or a box-shadow ring). */
export function missingFocusIndicator(control: HTMLElement): string {
  const shown = indicatorOf(control);
  const style = getComputedStyle(shown);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && style.outlineColor !== 'rgba(0, 0, 0, 0)';
  const ring = style.boxShadow !== 'none' && style.boxShadow !== '';
  if (outline || ring) return '';
  return `${describe(control)}: outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}, box-shadow ${style.boxShadow}`;
}

function describe(el: HTMLElement): string {
  const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
  const name = el.getAttribute('name');
  return `<${el.localName}${el.id ? `#${el.id}` : ''}${name ? ` name=${name}` : ''}${text ? ` « ${text} »` : ''}>`;
}

/** The controls of `host`'s shadow root a keyboard user should reach now (shown, enabled; a radio group once). */
export function reachableControls(host: Element): HTMLElement[] {
  const all = [...host.shadowRoot!.querySelectorAll<HTMLElement>(CONTROLS)].filter((el) => {
    if (el.closest('[hidden], [inert]')) return false;
    const shown = indicatorOf(el);
    return shown.getClientRects().length > 0 && getComputedStyle(shown).visibility !== 'hidden';
  });
  const groups = new Set<string>();
  return all.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
    if (groups.has(el.name)) return false;
    groups.add(el.name);
    return true;
  });
}

/**
 * Focuses `start` (a heading with tabindex -1, say), then presses Tab until the focus leaves
 * `host`. Every element reached must show a visible focus indicator, and every control of
 * `reachableControls` must be reached (a radio group: any of its radios). Returns the controls
 * reached, in order, for further checks.
 */
export async function tabThrough(host: Element, start: HTMLElement, what: string, max = 400): Promise<HTMLElement[]> {
  start.focus();
  const expected = reachableControls(host);
  const reached: HTMLElement[] = [];
  const problems: string[] = [];
  let left = false;
  for (let i = 0; i < max && !left; i++) {
    await sendKeys({ press: 'Tab' });
    const active = focusedIn(host);
    left = active === null;
    // A date or time field's parts take a Tab each: the field is counted once.
    if (!active || reached.includes(active)) continue;
    reached.push(active);
    const missing = missingFocusIndicator(active);
    if (missing) problems.push(missing);
  }
  expect(left, `${what}: the focus left the widget within ${max} Tabs`).to.equal(true);
  expect(problems.join('\n'), `${what}: controls without a visible focus indicator`).to.equal('');
  const missed = expected.filter((c) => {
    if (reached.includes(c)) return false;
    if (c instanceof HTMLInputElement && c.type === 'radio') {
      return !reached.some((r) => r instanceof HTMLInputElement && r.type === 'radio' && r.name === c.name);
    }
    return true;
  });
  expect(missed.map(describe).join('\n'), `${what}: controls Tab never reached`).to.equal('');
  expect(reached.length, `${what}: controls reached`).to.be.greaterThan(0);
  return reached;
}
