import type { ConfiguratorStrings } from './configurator.strings.fr.js';

export const configuratorEn: ConfiguratorStrings = {
  configurator: {
    loading: 'Loading the list of widgets…',
    errorTitle: 'The list of widgets could not be loaded',
    errorBody: 'The widgets’ server does not answer. Try again in a few minutes.',
    offlineTitle: 'You are offline',
    offlineBody: 'The list of widgets is not saved on this device yet. Check your Internet connection, then try again.',
    offlineStale: (savedOn) => `You are offline: list of widgets saved on ${savedOn}.`,
    retry: 'Try again',
    step: (n, title) => `${n}. ${title}`,
    widgetStep: 'Choose the widget',
    widgetHint: 'What you want to show the residents on your website.',
    agentsNote:
      'The agents’ tools (request log, local partners and permanences) are not offered here: they need an access token and are installed on the France services’ intranet or tablet.',
    placeStep: 'Enter your town',
    placeHint: 'Type the name of your town or its postcode, then choose it in the list.',
    placeChosen: (label) => `Town chosen: ${label}.`,
    communeLabel: (name, postcodes) => `${name} (${postcodes.length > 3 ? `${postcodes[0]}…` : postcodes.join(', ')})`,
    placeProblem: (why) => `Choose your town in the list: ${why}`,
    placeNamesakes: (n, name) => `${n} towns are called ${name}.`,
    placeSharedPostcode: (n, postcode) => `${n} towns have the postcode ${postcode}.`,
    placeNoName: (text) => `no town is called “${text}”.`,
    placeNoPostcode: (postcode) => `no town has the postcode ${postcode}.`,
    placeUnavailable: 'the town search does not answer. Try again in a moment.',
    sitesLegend: (commune) => `France services nearest to ${commune}`,
    sitesHint: 'The nearest one is chosen; choose another one if needed.',
    siteOption: (name, distance) => `${name} — ${distance} away`,
    noSite: 'None in particular',
    nearestAuto: 'The nearest to the town, chosen automatically',
    sitesHintAuto: 'By default the widget shows the France services nearest to the town; choose one to pin it.',
    sitesLoading: 'Looking for nearby France services…',
    sitesError:
      'The nearby France services could not be loaded. Try again later, or give your one’s number in the advanced settings of the next step.',
    sitesFound: (n, commune, nearest) =>
      `${n === 1 ? '1 France services found' : `${n} France services found`} near ${commune}.${nearest ? ` The nearest one is chosen: ${nearest}.` : ''}`,
    optionsStep: 'Adjust the options',
    optionsHint: 'The default settings suit most websites.',
    defaultOption: '(default)',
    advanced: 'Advanced settings',
    defaultValue: (value) => `Default: ${value}.`,
    previewStep: 'Check the preview',
    previewHint: 'This is the widget as it will appear on your website (in the widget’s font and colours).',
    previewLabel: 'Widget preview',
    previewLoading: 'Loading the preview…',
    previewFailed: 'The preview could not be loaded. The code is still valid.',
    skipPreview: 'Skip the preview and go to the code',
    openAlone: 'See the page alone (to print or show it)',
    newTab: '(new tab)',
    codeStep: 'Copy the code and paste it into your website',
    scriptTitle: 'Code to paste (an “HTML” or “code” block of your website)',
    scriptHint:
      'Paste these lines where the widget should appear on the page. If the widget does not appear then, your website removed part of the code: use the next code instead.',
    scriptLabel: 'Widget code',
    iframeTitle: 'If the widget does not appear: the code in a frame (iframe)',
    iframeHint:
      'The first line is enough. The second one, optional, fits the frame’s height to its content; if your website removes it, the frame keeps its default height.',
    iframeLabel: 'Widget code in a frame',
    noteTitle: 'Note for your web agency or IT department',
    noteHint:
      'If the widget still does not appear, your website probably has a security policy (Content-Security-Policy): send this note to whoever looks after your website.',
    noteLabel: 'Technical note',
    copy: 'Copy',
    copyScript: 'Copy the code',
    copyIframe: 'Copy the frame code',
    copyNote: 'Copy the note',
    copied: 'Copied. Paste it into your website (Ctrl+V, or Cmd+V on a Mac).',
    selected: 'The code is selected: press Ctrl+C (or Cmd+C on a Mac) to copy it.',
    copyRefused: 'Choose your town in the list, above: the code was not copied.',
    goToPlace: 'Go to the choice of the town',
    releaseMissing:
      'The pinned version of the widgets is not available on this server: the code uses the latest version, without an integrity check.',
    frameTitle: (widget, place) => (place ? `${widget} — ${place}` : widget),
    note: (n) =>
      [
        `Widget <${n.tag}> of France services widgets, served by ${n.origin}${n.version ? ` (version ${n.version})` : ''}.`,
        '',
        '“Script” variant — Content-Security-Policy directives to add to the page that hosts it:',
        `  ${n.scriptPolicy}`,
        n.map ? '  (img-src: the base map, shown when a person opens the map.)' : null,
        "  The widgets use no inline script, no eval and no inline style: neither 'unsafe-inline' nor 'unsafe-eval'. Their styles live in their Shadow DOM: the website’s styles do not break them.",
        n.version
          ? `  Integrity (SRI): the integrity attribute (sha384) guarantees the loader fs-widgets.js of version ${n.version}. The modules this loader then imports (chunks/…, named after their content) are fetched by the browser without an integrity check: import maps with integrity are not supported by every browser yet. The page therefore trusts the widgets’ server (over HTTPS) for these modules; a compromised server could change them.`
          : '  Integrity: this server publishes no pinned version; the code uses the latest one, without an integrity attribute.',
        '',
        '“Iframe” variant — Content-Security-Policy directives:',
        `  ${n.framePolicy}`,
        '  (script-src only for the optional script that fits the frame’s height.) The framed page keeps its own strict policy and accepts being shown by any website (frame-ancestors *).',
        '',
        'Caching and updates:',
        n.version
          ? `  ${n.origin}/widgets/v${n.version}/… never changes (Cache-Control: public, max-age=31536000, immutable): a page that uses it keeps this version. For a new version, take the code again from the configurator (${n.origin}/configurateur); former versions stay served.`
          : null,
        `  ${n.origin}/widgets/fs-widgets.js (without a version number) always follows the latest version, revalidated at each load, but cannot carry an integrity attribute.`,
        '  The data (/api/v1/…) is cached 5 minutes by browsers and CDNs; the widgets keep a copy on the device for offline use.',
      ]
        .filter((line): line is string => line !== null)
        .join('\n'),
  },

  widgets: {
    'fs-site-locator': {
      name: 'Find a France services',
      description: 'Search by town or “near me”: distances, travel times, opening hours, map.',
    },
    'fs-site-card': { name: 'Your France services', description: 'One France services’ card: address, phone, open now, the week’s hours.' },
    'fs-partner-directory': {
      name: 'Which formality, which partner?',
      description: 'From a formality to the right partner: what to bring, what the agent can do on the spot.',
    },
    'fs-satisfaction': { name: 'Your opinion', description: 'An anonymous four-level satisfaction question, to place after a formality.' },
    'fs-satisfaction-results': {
      name: 'User satisfaction',
      description: 'The published result: share of satisfied users, number of answers, breakdown.',
    },
    'fs-demarche-tracker': {
      name: 'Follow my case',
      description: 'A person follows their case with the code on their receipt, without personal data.',
    },
    'fs-booking': {
      name: 'Book an appointment',
      description: 'A person books a time without an account, gets a code, then cancels or moves the appointment with it.',
    },
    'fs-banner': { name: 'Banner', description: 'A banner announcing the nearest France services.' },
    'fs-badge': { name: 'Badge', description: 'A small badge linking to the nearest France services.' },
    'fs-poster': { name: 'Printable poster', description: 'An A4 poster with the opening hours and a QR code, to print.' },
    'fs-key-figures': { name: 'Key figures', description: 'The key figures of the network or of a France services.' },
  },

  attributes: {
    '*/theme': {
      label: 'Appearance',
      help: 'Light, or automatic: the widget follows the visitor’s dark mode.',
      options: { light: 'Light', auto: 'Automatic (follows dark mode)' },
    },
    '*/heading-level': {
      label: 'Heading level',
      help: 'Level of the widget’s heading in your page, 2 to 6: 2 right under the main title, 3 inside a section.',
      advanced: true,
    },
    '*/lang': {
      label: 'Language',
      help: 'The language of the widget’s texts. By default, your page’s.',
      options: { fr: 'French (français)', en: 'English' },
    },
    '*/api': { label: 'API address', help: 'Leave empty: the widgets use the server the script comes from.', advanced: true },
    'fs-site-locator/commune': { label: 'Starting town', help: 'The search opens on this town, chosen at the “town” step.' },
    'fs-site-locator/postcode': {
      label: 'Starting postcode',
      help: 'Only if you chose no town: the search opens on the most populated town of this postcode.',
      advanced: true,
    },
    'fs-site-locator/lat': {
      label: 'Starting latitude',
      help: 'With the longitude, instead of the town (decimal degrees, e.g. 44.518).',
      advanced: true,
    },
    'fs-site-locator/lon': { label: 'Starting longitude', help: 'With the latitude (decimal degrees, e.g. 3.5).', advanced: true },
    'fs-site-locator/radius': { label: 'Maximum distance (km)', help: 'Up to 200 km. Empty: no limit.' },
    'fs-site-locator/limit': { label: 'Number of results', help: '1 to 100.', advanced: true },
    'fs-site-locator/view': {
      label: 'Display',
      help: 'The list (accessible to all) is always there; the map can open above it or beside it.',
      options: { list: 'List (the map opens on demand)', map: 'Map above the list', split: 'Map and list side by side' },
    },
    'fs-site-locator/filters': {
      label: 'Filters offered',
      help: 'What residents can choose above the list. Default: all of them.',
      options: {
        'open-now': 'Open now',
        saturday: 'Open on Saturdays',
        kind: 'Kind of service',
        offer: 'Service offered (legal help point, Wi-Fi, local partner…)',
        radius: 'Maximum distance',
        none: 'No filter',
      },
      multiple: { none: 'none' },
      advanced: true,
    },
    'fs-site-locator/geocoder': {
      label: 'Address search (geocoder)',
      help: 'Address of a service compatible with the national address base, e.g. https://api-adresse.data.gouv.fr. Empty: towns only.',
      advanced: true,
    },
    'fs-site-locator/url-prefix': {
      label: 'Prefix of the address parameters',
      help: 'To place two locators on one page. Leave empty otherwise.',
      advanced: true,
    },
    'fs-site-locator/no-url-state': {
      label: 'Leave the page address alone',
      help: 'By default the search is kept in the page address (shareable link, back button).',
      advanced: true,
    },
    'fs-site-locator/tiles': {
      label: 'Base map',
      help: 'OpenStreetMap, or the IGN map.',
      options: { osm: 'OpenStreetMap', 'ign-plan': 'IGN map (Plan IGN)' },
      advanced: true,
    },
    'fs-site-locator/tile-url': {
      label: 'Other tile server',
      help: '{z}/{x}/{y} address template of another base map, with its credits below.',
      advanced: true,
    },
    'fs-site-locator/tile-attribution': {
      label: 'Credits of that other base map',
      help: 'Required with another tile server.',
      advanced: true,
    },
    'fs-site-card/site-id': {
      label: 'France services identifier',
      help: 'Number of the France services in the national list (ANCT), e.g. 2983 for Mende. Filled in at the “town” step.',
    },
    'fs-partner-directory/site-id': {
      label: 'France services identifier',
      help: 'Adds its local partners, next permanences and phone. Empty: no particular France services.',
    },
    'fs-partner-directory/locator-url': {
      label: 'Page to find the nearest France services',
      help: 'Address of a page of your website with the locator, offered when no France services is chosen.',
      advanced: true,
    },
    'fs-partner-directory/query': {
      label: 'Search shown when opening',
      help: 'E.g. “impôts” on a page about taxes. Empty: the search is empty.',
    },
    'fs-satisfaction/site-id': { label: 'France services identifier', help: 'The France services whose users answer (required).' },
    'fs-satisfaction/mode': {
      label: 'Use',
      help: 'On a web page, or as a kiosk (tablet at the counter, large buttons, reset).',
      options: { inline: 'Web page', kiosk: 'Counter kiosk' },
    },
    'fs-satisfaction/channel': {
      label: 'Channel',
      help: 'Where the answer is given. Default: from the use chosen.',
      options: { web: 'On a web page', kiosk: 'On a kiosk at the counter', phone: 'On the phone' },
      advanced: true,
    },
    'fs-satisfaction/ask-resolved': { label: 'Ask whether the request was resolved', help: 'Adds “Was your request resolved?”.' },
    'fs-satisfaction/show-site-name': {
      label: 'Show the France services’ name',
      help: 'Above the question, on a web page. On a kiosk it is always shown.',
    },
    'fs-satisfaction/ask-comment': {
      label: 'Offer a comment',
      help: '500 characters at most, with a reminder not to write personal data.',
    },
    'fs-satisfaction/idle-timeout': {
      label: 'Kiosk: back to the question after (seconds)',
      help: 'Without a touch. 20 seconds by default.',
      advanced: true,
    },
    'fs-satisfaction/thanks-duration': { label: 'Kiosk: thank-you duration (seconds)', help: '5 seconds by default.', advanced: true },
    'fs-satisfaction/press-guard': {
      label: 'Kiosk: ignore presses for (milliseconds)',
      help: 'Avoids double presses. 1,500 by default.',
      advanced: true,
    },
    'fs-satisfaction-results/site-id': { label: 'France services identifier', help: 'Empty: the whole network’s result.' },
    'fs-satisfaction-results/from': { label: 'From', help: 'Start date (YYYY-MM-DD). Empty: from the first answer.' },
    'fs-satisfaction-results/to': { label: 'To', help: 'End date (YYYY-MM-DD). Empty: up to today.' },
    'fs-satisfaction-results/min-count': {
      label: 'Minimum number of answers',
      help: 'Below it, no result is published. 30 by default.',
      advanced: true,
    },
    'fs-banner/commune': {
      label: 'Town',
      help: 'The banner shows the France services nearest to this town, chosen at the “town” step.',
    },
    'fs-banner/site-id': {
      label: 'France services identifier',
      help: 'To show one France services rather than the nearest. Empty: the nearest to the town.',
    },
    'fs-banner/href': {
      label: 'Link address',
      help: 'Where the button leads, e.g. your website’s “France services” page. Empty: the France services’ page on the widgets’ server.',
    },
    'fs-banner/size': {
      label: 'Shape',
      help: 'All three shapes shrink with their column, down to phone screens.',
      options: { strip: 'Horizontal strip (like 728 × 90)', square: 'Square (like 300 × 250)', vertical: 'Vertical (like 160 × 600)' },
    },
    'fs-badge/commune': {
      label: 'Town',
      help: 'The badge leads to the France services nearest to this town, chosen at the “town” step.',
    },
    'fs-badge/site-id': {
      label: 'France services identifier',
      help: 'For one France services rather than the nearest. Empty: the nearest to the town.',
    },
    'fs-badge/href': { label: 'Link address', help: 'Where the badge leads. Empty: the France services’ page on the widgets’ server.' },
    'fs-poster/site-id': {
      label: 'France services identifier',
      help: 'The poster’s France services (required): its hours, address, partners. Filled in at the “town” step.',
    },
    'fs-poster/commune': {
      label: 'Town of the QR code',
      help: 'With the QR code to the search: the town it opens on, chosen at the “town” step.',
    },
    'fs-poster/qr-target': {
      label: 'The QR code leads to',
      help: 'This France services’ page, or the search for the nearest one (for a poster that also serves neighbouring towns).',
      options: { site: 'The France services’ page', locator: 'The search for the nearest France services' },
    },
    'fs-poster/href': {
      label: 'Another address for the QR code',
      help: 'E.g. your town hall’s page (an http or https address). Empty: the address chosen above.',
      advanced: true,
    },
    'fs-poster/logo': {
      label: 'Town hall logo (image address)',
      help: 'The https address of your town hall’s logo or photo, printed beside the address. Empty: no logo.',
    },
    'fs-poster/logo-alt': {
      label: 'What the logo shows',
      help: 'For people who cannot see it, e.g. “Mairie de Mende”. Empty: the logo is mere decoration.',
      advanced: true,
    },
    'fs-key-figures/site-id': { label: 'France services identifier', help: 'This France services’ figures. Empty: the whole network’s.' },
    'fs-key-figures/year': { label: 'Year', help: 'A year, e.g. 2025. Empty: the current year, up to today.' },
    'fs-demarche-tracker/code': {
      label: 'Tracking code shown when opening',
      help: 'Leave empty: each person types the code on their receipt.',
      advanced: true,
    },
    'fs-site-locator/booking-url': {
      label: 'Booking page',
      help: 'Where “Book an appointment” leads for the sites taking online bookings: the address of a page of yours with the booking widget, {id} standing for the site’s identifier. Empty: the widgets server’s booking page.',
      advanced: true,
    },
    'fs-site-card/booking-url': {
      label: 'Booking page',
      help: 'Where “Book an appointment online” leads if this France services takes them: the address of a page of yours with the booking widget, {id} standing for the site’s identifier. Empty: the widgets server’s booking page; none: no link.',
      advanced: true,
    },
    'fs-booking/site-id': {
      label: 'France services identifier',
      help: 'The France services where appointments are booked (required). Its agents choose what can be booked.',
    },
    'fs-booking/code': {
      label: 'Appointment code shown when opening',
      help: 'Leave empty: each person books, or types their appointment code to cancel or move it.',
      advanced: true,
    },
  },
};
