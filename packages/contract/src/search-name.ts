/**
 * The form commune names are searched in: lower case, no accents, one space between words,
 * and the abbreviations "st"/"ste" spelled out, so that "st flour", "Saint-Flour" and
 * "SAINT FLOUR" all meet. The API's commune search keys its index with it, and the configurator
 * compares what a person typed with the communes' names in it. No dependency: safe in a browser
 * bundle (`@fs-widgets/contract/search-name`).
 */
export function searchName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((word) => (word === 'st' ? 'saint' : word === 'ste' ? 'sainte' : word))
    .join(' ');
}

/**
 * The forms a typed query is looked up in. While a word is being typed "st" may be "Saint" or
 * the start of "Strasbourg", so both are tried.
 */
export function searchNameVariants(query: string): string[] {
  const expanded = searchName(query);
  const literal = query
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return expanded === literal ? [expanded] : [expanded, literal];
}
