export { FsPartnerDirectory, type FsDemarcheOpenDetail, type FsNeedSearchDetail } from './partner-directory/partner-directory.js';
export {
  NeedSearch,
  normalize,
  words,
  damerauLevenshtein,
  typosAllowed,
  type DemarcheHit,
  type PartnerHit,
  type NeedResults,
  type NeedSearchOptions,
} from './search/need-search.js';
