import type { CommuneSearchStrings } from './commune-search.strings.fr.js';

/** The texts of the commune search (`<fs-commune-search>`), the combobox of the locator and the configurator, English (fetched the first time a page needs them). */
export const communeSearchEn: CommuneSearchStrings = {
  communeSearch: {
    label: 'Town or postcode',
    labelWithAddress: 'Address, town or postcode',
    hint: 'Type at least 2 letters or digits, then choose from the list.',
    suggestions: (n) =>
      n === 0
        ? 'No town found.'
        : n === 1
          ? '1 suggestion. Press down arrow to choose it.'
          : `${n} suggestions. Use up and down arrows to choose.`,
    noMatch: 'No town matches. Check the spelling or type the postcode.',
    searching: 'Searching…',
    unavailable: 'The town search is not answering. Try again in a moment.',
    address: 'Address',
    clear: 'Clear',
  },
};
