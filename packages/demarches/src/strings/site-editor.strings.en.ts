import type { SiteEditorStrings } from './site-editor.strings.fr.js';

/** What the site's own editors share, English. */
export const siteEditorEn: SiteEditorStrings = {
  noSiteTitle: 'Editor not configured',
  noSiteBody: 'Put the France services identifier in the site-id attribute, for example site-id="2983".',

  tokenBody:
    'To edit the information of your France services, paste the token your coordinator gave you. It stays saved on this device, for this France services.',

  offlineTitle: 'You are offline',
  offlineNoData: 'The list is not saved on this device yet. Check your Internet connection, then try again.',
  offlineStale: (date) =>
    `You are offline: this is the list saved on ${date}. Your changes are kept on this device and sent as soon as the connection is back.`,
  errorTitle: 'List unavailable for now',
  errorBody: 'The service is not answering. Try again in a few minutes.',
  notFoundTitle: 'France services not found',
  notFoundBody: (site) => `No France services has the identifier ${site}. Check the site-id attribute.`,
  retry: 'Try again',

  edit: 'Edit',
  remove: 'Remove',
  about: (what) => `: ${what}`,
  confirmRemoveHint: 'It also disappears from what the public sees.',
  confirmYes: 'Yes, remove',
  confirmNo: 'Cancel',
  removing: 'Removing…',

  required: '(required)',
  optional: '(optional)',
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  formLoading: 'Opening the form…',
  formLoadFailed: 'The form could not open: check your Internet connection, then try again.',
  formInvalid: 'The form has an error: correct the field shown, then save again.',
  formInvalidCount: (n) => `The form has ${n} errors: correct the fields shown, then save again.`,
  formRefused: 'The server refused this form. Check the fields, then save again.',
  formServer: 'The service is not answering: what you typed is kept, try again in a few minutes.',

  pendingTitle: 'Waiting to be sent',
  pendingHint:
    'These changes are saved on this device. They will be sent automatically as soon as the connection is back: leave this page open or come back later.',
  pendingCreate: (what) => `Addition: ${what}`,
  pendingUpdate: (what) => `Change: ${what}`,
  pendingDelete: (what) => `Removal: ${what}`,
  sendNow: 'Send now',
  queued: 'You are offline: your change is kept on this device and will be sent as soon as the connection is back.',
  sent: 'The changes waiting to be sent have been sent.',
  refusedTitle: 'Refused by the server',
  refusedHint:
    'These changes made offline were not accepted (a date or hours refused, a line removed from another device): nothing changed for the public. Make them again in the form if needed, then remove them from this list.',
  dismiss: 'Remove from the list',
};
