/**
 * What the catalogue check (`npm run test:stories`, `scripts/test/check-stories.mjs`) asks of
 * each story and of each component, declared next to the stories themselves as Storybook
 * parameters. The check builds Storybook, reads these parameters from the built preview, renders
 * every story in headless Chromium, checks what it shows, then runs axe on it.
 *
 * Every story file types its stories and its meta with these, so a story without an expectation
 * does not compile (and the check fails it too):
 *
 * ```ts
 * const meta = { …, parameters: { catalogue: { required: ['default', 'loading'], docsRows: ['site-id'] } } }
 *   satisfies Meta<SiteCardArgs> & ExpectedComponent;
 * type Story = StoryObj<SiteCardArgs> & ExpectedStory;
 *
 * export const Default: Story = {
 *   args: { 'site-id': '2983' },
 *   parameters: { expect: { texts: ['France services de Mende', 'Ouvert'] } },
 * };
 * ```
 */

/**
 * What a story must show once rendered. Texts are searched in the story's text, shadow roots
 * included (visually hidden text counts: it is what a screen reader reads); selectors are
 * searched in the story and in every shadow root in it. The check waits until all of it holds,
 * up to `timeout`, then runs axe on that state.
 */
export interface StoryExpectation {
  /** Texts the story must show: at least one, so that a blank or wrong state never passes. */
  texts: [string, ...string[]];
  /** CSS selectors that must each match an element. */
  selectors?: string[];
  /** Texts that must not be there (the state before, another language…). */
  absent?: string[];
  /** CSS selectors that must match nothing. */
  noSelectors?: string[];
  /** How long the state may take to appear, in ms (default 15,000). */
  timeout?: number;
}

/**
 * The parameters every story declares: `expect`, what it must show. A story that truly has
 * nothing to check beyond rendering without errors and passing axe says so with
 * `expect: false` and the reason in `expectNothing` (avoid it: say what the story shows).
 */
export interface ExpectedStory {
  parameters: { expect: StoryExpectation; expectNothing?: never } | { expect: false; expectNothing: string };
}

/** What the check asks of a component as a whole (on the default export's `parameters.catalogue`). */
export interface ComponentChecks {
  /**
   * Stories that must exist: the designed states of the component (loading, error, offline…),
   * so that none is lost by a rename or a deletion. Story ids after the `--`, as in the URL
   * (`ServerError` → `server-error`).
   */
  required: string[];
  /** The story photographed (a full-page PNG in the directory given to the check, default /tmp). */
  screenshot?: string;
  /**
   * Rows the component's docs page table must show (attributes, properties, events, CSS parts,
   * custom properties: read from custom-elements.json); the first must be a row name.
   */
  docsRows: [string, ...string[]];
}

/** The default export's type, beside `Meta<Args>`: `satisfies Meta<Args> & ExpectedComponent`. */
export interface ExpectedComponent {
  /** `expect` belongs to each story, not to the meta (it would apply to every story). */
  parameters: { catalogue: ComponentChecks; expect?: never };
}
