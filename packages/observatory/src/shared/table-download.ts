/** Downloading a table of the API with the token in a header: the core's, shared with the agenda's Bilan. */
export { downloadTable, type TableFormat } from '@fs-widgets/core';
