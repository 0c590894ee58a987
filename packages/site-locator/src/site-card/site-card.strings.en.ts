import type { SiteCardStrings } from './site-card.strings.fr.js';

/** The texts of the site card (`<fs-site-card>`), English (fetched the first time a page needs them). */
export const siteCardEn: SiteCardStrings = {
  siteCard: {
    label: 'Your France services',
    noSiteTitle: 'No France services chosen',
    noSiteBody: 'Put the France services identifier in the site-id attribute (the configurator gives it to you).',
    notFoundTitle: 'France services not found',
    notFoundBody: (id) => `No France services has the identifier “${id}”. It may have closed or changed identifier: check the embed code.`,
    address: 'Address',
    access: 'Access',
    reach: {
      boat: 'By boat: no road or bridge leads there.',
      'air-or-river': 'By plane or by canoe: no road leads there.',
      foot: 'On foot or by helicopter: no road leads there.',
    },
    phone: 'Phone',
    phoneLink: (phone) => `Call ${phone}`,
    email: 'E-mail',
    emailLink: (email) => `Write to ${email}`,
    appointmentYes: 'Walk in or book an appointment',
    appointmentNo: 'Walk in, no appointment needed',
    booking: 'Book an appointment online',
    itinerant: 'Roaming: a bus or sessions in several communes. Check the place and day before you go.',
    comment: 'Good to know',
    hoursTitle: 'Opening hours',
    offersTitle: 'Also on site',
    localPartner: 'local partner',
    localPartnerFor: (themes) => `local partner for: ${themes}`,
    localPartnerWebsite: (name) => `${name}, the partner’s website`,
    stopsTitleItinerant: 'Where and when it stops',
    stopsTitlePermanences: 'Drop-in sessions in other communes',
    stopAddress: 'Address',
  },
};
