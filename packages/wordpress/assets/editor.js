/**
 * France services — widgets: the block editor's side of the plugin's blocks.
 *
 * Plain script, no build step: it uses the editor's own globals (`wp.blocks`, `wp.element`,
 * `wp.blockEditor`, `wp.components`, `wp.i18n`) as WordPress 6.1 to 7.x provide them. PHP prints
 * `window.fswEditor = { catalog, server, loader: { url, integrity }, locale, defaultCommune }`
 * before it (the catalog is `generated/widgets.json`, written by `npm run build:wordpress`) and
 * registers each `generated/blocks/<slug>/block.json`; this script registers the same blocks
 * client-side with their editing interface. The blocks are dynamic: `save` returns null and PHP
 * renders the element on the page.
 *
 * - The preview is the real element, created in the document that holds the block (the editor's
 *   canvas is an iframe on recent WordPress), with the widgets' loader added to that document. It
 *   is made imperatively, not through React's props: React 17 and 18 set a custom element's
 *   attributes, React 19 its properties (a number given as text, a boolean as ''), and the
 *   widgets read attributes, as on the page. It is inert: a visitor's actions (an opinion sent
 *   to the server, a position asked for) have no place in the editor.
 * - « Lieu »: the locator's own commune search; the commune chosen sets `commune` (when the
 *   widget has one) and, for a widget with `site-id`, the nearest France services are offered,
 *   as in the configurator (/configurateur).
 * - « Options »: a control per attribute, from its kind; the rare ones under « Réglages avancés ».
 *   Labels and help come from the catalog (the configurator's words) in the editor's language;
 *   the editor's own words go through `wp.i18n` (translated in languages/…-fr_FR.po).
 */
(function (wp, config) {
  'use strict';

  if (!wp || !wp.blocks || !wp.element || !wp.blockEditor || !wp.components || !wp.i18n || !config || !config.catalog) return;

  const { createElement: el, Fragment, useEffect, useRef, useState } = wp.element;
  const { registerBlockType, getBlockType } = wp.blocks;
  const { InspectorControls, useBlockProps } = wp.blockEditor;
  const { CheckboxControl, ExternalLink, PanelBody, Placeholder, RadioControl, SelectControl, Spinner, TextControl, ToggleControl } =
    wp.components;
  const { __, _n, sprintf } = wp.i18n;

  const widgets = Array.isArray(config.catalog) ? config.catalog : config.catalog.widgets || [];
  const maxLength = (config.catalog && config.catalog.valueMaxLength) || 200;
  /** The editor's language for the catalog's words: French for any French locale, else English. */
  const lang = /^fr/i.test(config.locale || '') ? 'fr' : 'en';
  const server = typeof config.server === 'string' ? config.server.replace(/\/+$/, '') : '';
  const loader = server
    ? {
        url: (config.loader && config.loader.url) || `${server}/widgets/fs-widgets.js`,
        integrity: (config.loader && config.loader.url && config.loader.integrity) || '',
      }
    : null;
  const defaultCommune = config.defaultCommune && config.defaultCommune.insee ? config.defaultCommune : null;
  /**
   * The language a preview speaks when its block sets none: the settings' choice, else (`auto`:
   * the page's language on the site) the site's language from PHP, else the editor's own page
   * language (the editing user's), when French or English. The canvas iframe of recent WordPress
   * has no `lang`, and the widgets would fall back to French.
   */
  const pageLang = (config.siteLanguage || document.documentElement.lang || '').slice(0, 2).toLowerCase();
  const siteLang = config.lang === 'fr' || config.lang === 'en' ? config.lang : pageLang === 'fr' || pageLang === 'en' ? pageLang : '';
  /** The settings page, for those who may change them ('' from PHP otherwise: no link then). */
  const settingsUrl =
    typeof config.settingsUrl === 'string'
      ? config.settingsUrl
      : new URL('options-general.php?page=france-services-widgets', window.location.href).href;
  const NUMBER = /^-?\d+(\.\d+)?$/;
  // eslint-disable-next-line no-control-regex
  const CONTROL = /[\u0000-\u001f\u007f]/;

  /** A catalog text in the editor's language (the French one when a translation is missing). */
  const pick = (text) => (text && (text[lang] || text.fr)) || '';
  const optionLabel = (attribute, option) =>
    (attribute.optionLabels[lang] && attribute.optionLabels[lang][option]) || attribute.optionLabels.fr[option] || option;
  const declares = (widget, name) => widget.attributes.some((a) => a.name === name);

  /**
   * The widgets' loader, once per document: the block's (an iframe's, on recent WordPress) and the
   * editor's own (for the commune search of the inspector). A module: it runs once per document.
   */
  function ensureLoader(doc) {
    if (!loader || !doc) return;
    const url = new URL(loader.url, doc.baseURI).href;
    for (const script of doc.querySelectorAll('script[src]')) if (script.src === url) return;
    const script = doc.createElement('script');
    script.type = 'module';
    if (loader.integrity) script.integrity = loader.integrity;
    script.crossOrigin = 'anonymous';
    script.src = url;
    script.setAttribute('data-fsw-loader', '');
    (doc.head || doc.documentElement).appendChild(script);
  }

  /**
   * The element's attributes for these block attributes, as PHP renders them: booleans set are
   * present and empty, empty and invalid values left out, the settings' default commune for a
   * widget that has a commune and was given none, the site's language unless the block sets one.
   * A locator in the editor never writes its search into the editor's address (`no-url-state`).
   */
  function elementAttributes(widget, attributes) {
    const out = [];
    for (const attribute of widget.attributes) {
      const value = attributes[attribute.name];
      if (attribute.kind === 'boolean') {
        if (value === true) out.push([attribute.name, '']);
        continue;
      }
      const text = typeof value === 'string' ? value.trim() : '';
      if (text === '' || text.length > maxLength || CONTROL.test(text)) continue;
      if (attribute.kind === 'enum' && !attribute.options.includes(text)) continue;
      if (attribute.kind === 'number' && !NUMBER.test(text)) continue;
      out.push([attribute.name, text]);
    }
    const has = (name) => out.some(([n]) => n === name);
    if (defaultCommune && declares(widget, 'commune') && !has('commune')) out.push(['commune', defaultCommune.insee]);
    if (siteLang && !has('lang')) out.push(['lang', siteLang]);
    if (declares(widget, 'no-url-state') && !has('no-url-state')) out.push(['no-url-state', '']);
    return out;
  }

  /** How long the preview waits for typing to pause before it makes its element again (each one asks the server). */
  const PREVIEW_DELAY_MS = 400;

  /** The live preview: the widget's element, made again when its attributes change (once typing pauses). */
  function Preview({ widget, attributes }) {
    const box = useRef(null);
    const key = JSON.stringify(elementAttributes(widget, attributes));
    const [shown, setShown] = useState(key);
    useEffect(() => {
      if (key === shown) return undefined;
      const timer = setTimeout(() => setShown(key), PREVIEW_DELAY_MS);
      return () => clearTimeout(timer);
    }, [key, shown]);
    useEffect(() => {
      const container = box.current;
      if (!container) return undefined;
      const doc = container.ownerDocument;
      ensureLoader(doc);
      // Set here, not as a React prop: React 19 takes `inert` as a boolean, React 17 and 18 as text.
      container.setAttribute('inert', '');
      const element = doc.createElement(widget.tag);
      for (const [name, value] of JSON.parse(shown)) element.setAttribute(name, value);
      container.replaceChildren(element);
      return () => element.remove();
    }, [shown, widget.tag]);
    return el('div', { ref: box, className: 'fsw-preview', 'data-fsw-widget': widget.tag });
  }

  /**
   * `<fs-commune-search>` in the inspector (the editor's own document): made once, told the
   * commune to show, and listened to for `fs-place-select` (React does not bind custom events).
   */
  function CommuneSearch({ commune, label, onSelect }) {
    const box = useRef(null);
    const handler = useRef(onSelect);
    handler.current = onSelect;
    useEffect(() => {
      const container = box.current;
      const doc = container.ownerDocument;
      ensureLoader(doc);
      const search = doc.createElement('fs-commune-search');
      search.setAttribute('lang', lang);
      if (commune) search.setAttribute('commune', commune);
      else if (label) search.setAttribute('value', label);
      const listener = (event) => {
        if (event.detail && event.detail.commune) handler.current(event.detail);
      };
      search.addEventListener('fs-place-select', listener);
      container.replaceChildren(search);
      return () => {
        search.removeEventListener('fs-place-select', listener);
        search.remove();
      };
      // Made once; the commune shown follows `commune` below.
    }, []);
    useEffect(() => {
      const search = box.current && box.current.firstElementChild;
      if (search && commune && search.getAttribute('commune') !== commune) search.setAttribute('commune', commune);
    }, [commune]);
    return el('div', { ref: box, className: 'fsw-commune-search' });
  }

  function formatDistance(km) {
    const tag = lang === 'fr' ? 'fr-FR' : 'en-GB';
    if (km < 1) {
      return new Intl.NumberFormat(tag, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(
        Math.round((km * 1000) / 10) * 10,
      );
    }
    return new Intl.NumberFormat(tag, { style: 'unit', unit: 'kilometer', maximumFractionDigits: km < 10 ? 1 : 0 }).format(km);
  }

  function speak(message) {
    if (wp.a11y && typeof wp.a11y.speak === 'function') wp.a11y.speak(message);
  }

  async function getJson(path, signal) {
    const response = await fetch(`${server}/api/v1/${path}`, { headers: { accept: 'application/json' }, signal });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }

  /** « Lieu »: the commune, and for a widget with `site-id` the nearest France services to choose from. */
  function PlacePanel({ widget, attributes, setAttributes }) {
    const wantsSite = declares(widget, 'site-id');
    const [sites, setSites] = useState({ status: 'idle' });
    const [chosenName, setChosenName] = useState('');
    const request = useRef(null);
    const siteId = typeof attributes['site-id'] === 'string' ? attributes['site-id'] : '';

    const loadSites = (insee, label, chooseNearest) => {
      if (request.current) request.current.abort();
      const abort = new AbortController();
      request.current = abort;
      setSites({ status: 'loading' });
      getJson(`sites?commune=${encodeURIComponent(insee)}&limit=10`, abort.signal)
        .then((data) => {
          if (abort.signal.aborted) return;
          const items = Array.isArray(data.items) ? data.items : [];
          const commune = (data.origin && data.origin.commune && data.origin.commune.name) || label;
          setSites({ status: 'loaded', items, commune });
          const nearest = chooseNearest && !widget.nearestFromCommune ? items[0] : undefined;
          if (nearest) setAttributes({ 'site-id': String(nearest.id) });
          speak(
            sprintf(
              /* translators: 1: number of France services found, 2: commune name. */
              _n('%1$d France services found near %2$s.', '%1$d France services found near %2$s.', items.length, 'france-services-widgets'),
              items.length,
              commune,
            ) +
              (nearest
                ? ` ${sprintf(/* translators: %s: name of a France services. */ __('The nearest is chosen: %s.', 'france-services-widgets'), nearest.name)}`
                : ''),
          );
        })
        .catch(() => {
          if (!abort.signal.aborted) setSites({ status: 'error' });
        });
    };

    // Opened again later: the nearest sites of the commune the block has, without changing its choice.
    useEffect(() => {
      if (server && wantsSite && typeof attributes.commune === 'string' && attributes.commune) {
        loadSites(attributes.commune, attributes.placeLabel || attributes.commune, false);
      }
      return () => request.current && request.current.abort();
    }, []);

    // The name of a site chosen earlier (or typed under the advanced settings) that the list does not show.
    const listed = sites.status === 'loaded' && sites.items.some((s) => String(s.id) === siteId);
    useEffect(() => {
      setChosenName('');
      if (!server || !wantsSite || !/^\d{1,9}$/.test(siteId) || listed) return undefined;
      const abort = new AbortController();
      getJson(`sites/${siteId}`, abort.signal)
        .then((site) => !abort.signal.aborted && setChosenName(site && site.name ? site.name : ''))
        .catch(() => undefined);
      return () => abort.abort();
    }, [siteId, listed, wantsSite]);

    const onPlace = (detail) => {
      const next = { placeLabel: detail.label };
      if (declares(widget, 'commune')) next.commune = detail.commune.insee;
      if (wantsSite) next['site-id'] = '';
      setAttributes(next);
      if (wantsSite) loadSites(detail.commune.insee, detail.name || detail.label, true);
      else speak(sprintf(/* translators: %s: commune name. */ __('Chosen commune: %s.', 'france-services-widgets'), detail.label));
    };

    let list = null;
    if (wantsSite && sites.status === 'loading') {
      list = el(
        'p',
        { className: 'fsw-sites-loading', 'aria-busy': 'true' },
        el(Spinner),
        __('Looking for the nearest France services…', 'france-services-widgets'),
      );
    } else if (wantsSite && sites.status === 'error') {
      list = el(
        'p',
        { className: 'fsw-sites-error' },
        __(
          'The list of nearby France services could not be loaded. Try again later, or give the number of yours under “Advanced settings”.',
          'france-services-widgets',
        ),
      );
    } else if (wantsSite && sites.status === 'loaded') {
      list = el(RadioControl, {
        className: 'fsw-sites',
        label: sprintf(/* translators: %s: commune name. */ __('Nearest France services to %s', 'france-services-widgets'), sites.commune),
        help: widget.nearestFromCommune
          ? __('By default the widget shows the France services nearest to the commune; choose one to keep it.', 'france-services-widgets')
          : __('The nearest one is chosen; choose another one if needed.', 'france-services-widgets'),
        selected: siteId,
        options: [
          ...sites.items.map((site) => ({
            value: String(site.id),
            label: sprintf(
              /* translators: 1: name of a France services, 2: distance ("4.2 km"). */
              __('%1$s — %2$s away', 'france-services-widgets'),
              site.name,
              formatDistance(site.distance_km),
            ),
          })),
          {
            value: '',
            label: widget.nearestFromCommune
              ? __('The nearest to the commune, chosen automatically', 'france-services-widgets')
              : __('None in particular', 'france-services-widgets'),
          },
        ],
        onChange: (value) => setAttributes({ 'site-id': value }),
      });
    }

    return el(
      PanelBody,
      { title: __('Place', 'france-services-widgets'), initialOpen: true },
      server
        ? el(
            Fragment,
            null,
            el(
              'p',
              { className: 'fsw-place-hint' },
              __('Type the name of your commune or its postcode, then choose it in the list.', 'france-services-widgets'),
            ),
            el(CommuneSearch, { commune: attributes.commune || '', label: attributes.placeLabel || '', onSelect: onPlace }),
            attributes.placeLabel
              ? el(
                  'p',
                  { className: 'fsw-place-chosen' },
                  sprintf(/* translators: %s: commune name. */ __('Chosen commune: %s.', 'france-services-widgets'), attributes.placeLabel),
                )
              : defaultCommune && declares(widget, 'commune')
                ? el(
                    'p',
                    { className: 'fsw-place-default' },
                    sprintf(
                      /* translators: %s: commune name. */
                      __('No commune chosen: the widget uses the default commune of the settings, %s.', 'france-services-widgets'),
                      defaultCommune.label || defaultCommune.insee,
                    ),
                  )
                : null,
            list,
            wantsSite && siteId && chosenName
              ? el(
                  'p',
                  { className: 'fsw-site-chosen' },
                  sprintf(
                    /* translators: %s: name of a France services. */ __('Chosen France services: %s.', 'france-services-widgets'),
                    chosenName,
                  ),
                )
              : null,
          )
        : el(
            'p',
            null,
            __('The commune is chosen once the widgets’ server is set in Settings → France services.', 'france-services-widgets'),
          ),
    );
  }

  /** One control for one attribute, from its kind. */
  function Field({ widget, attribute, attributes, setAttributes }) {
    const value = attributes[attribute.name];
    const set = (next) => setAttributes({ [attribute.name]: next });
    const label = pick(attribute.label);
    const byDefault =
      attribute.default && attribute.kind !== 'boolean'
        ? ` ${sprintf(/* translators: %s: a default value. */ __('Default: %s.', 'france-services-widgets'), optionLabel(attribute, attribute.default))}`
        : '';
    const help = pick(attribute.help) + byDefault;
    const text = typeof value === 'string' ? value : '';
    // A text attribute whose values the catalog names: a list to pick from, or boxes to tick.
    const named =
      attribute.kind === 'text' && Object.keys(attribute.optionLabels.fr).length > 0 ? Object.keys(attribute.optionLabels.fr) : null;

    if (named && attribute.multiple) {
      const none = attribute.multiple.none;
      const all = named.filter((o) => o !== none);
      const listed = text.split(',').map((v) => v.trim());
      const ticked = text === none ? [] : text.trim() === '' ? all : all.filter((o) => listed.includes(o));
      const setTicked = (list) =>
        set(list.length === all.length ? '' : list.length === 0 ? none : all.filter((o) => list.includes(o)).join(','));
      const helpId = `fsw-${widget.slug}-${attribute.name}-help`;
      return el(
        'fieldset',
        { className: 'fsw-ticks components-base-control', 'aria-describedby': helpId },
        el('legend', { className: 'components-base-control__label' }, label),
        el('p', { className: 'components-base-control__help', id: helpId }, pick(attribute.help)),
        ...all.map((option) =>
          el(CheckboxControl, {
            key: option,
            label: optionLabel(attribute, option),
            checked: ticked.includes(option),
            onChange: (on) => setTicked(on ? [...ticked, option] : ticked.filter((o) => o !== option)),
          }),
        ),
        el(CheckboxControl, {
          key: none,
          label: optionLabel(attribute, none),
          checked: ticked.length === 0,
          onChange: (on) => setTicked(on ? [] : all),
        }),
      );
    }
    const choices = attribute.kind === 'enum' ? attribute.options : named;
    if (choices) {
      return el(SelectControl, {
        label,
        help,
        value: text,
        options: [
          ...(choices.includes(attribute.default) ? [] : [{ value: '', label: __('(default)', 'france-services-widgets') }]),
          ...choices.map((option) => ({ value: option, label: optionLabel(attribute, option) })),
        ],
        onChange: set,
      });
    }
    if (attribute.kind === 'boolean') {
      return el(ToggleControl, { label, help, checked: value === true, onChange: (on) => set(!!on) });
    }
    return el(TextControl, {
      label,
      help,
      value: text,
      type: attribute.kind === 'number' ? 'number' : 'text',
      step: attribute.kind === 'number' ? 'any' : undefined,
      inputMode: attribute.kind === 'number' ? 'decimal' : undefined,
      maxLength,
      autoComplete: 'off',
      spellCheck: false,
      onChange: set,
    });
  }

  /** « Options » and « Réglages avancés »: every attribute but `commune` (chosen in « Lieu »); `site-id` with the advanced ones. */
  function OptionsPanels({ widget, attributes, setAttributes }) {
    const fields = widget.attributes.filter((a) => a.name !== 'commune');
    const isAdvanced = (a) => a.advanced || a.name === 'site-id';
    const field = (attribute) => el(Field, { key: attribute.name, widget, attribute, attributes, setAttributes });
    const main = fields.filter((a) => !isAdvanced(a));
    const advanced = fields.filter(isAdvanced);
    return el(
      Fragment,
      null,
      main.length ? el(PanelBody, { title: __('Options', 'france-services-widgets'), initialOpen: true }, ...main.map(field)) : null,
      advanced.length
        ? el(PanelBody, { title: __('Advanced settings', 'france-services-widgets'), initialOpen: false }, ...advanced.map(field))
        : null,
    );
  }

  function editFor(widget) {
    const hasPlace = declares(widget, 'commune') || declares(widget, 'site-id');
    return function Edit({ attributes, setAttributes }) {
      const blockProps = useBlockProps({ className: 'fsw-block' });
      return el(
        Fragment,
        null,
        el(
          InspectorControls,
          null,
          hasPlace ? el(PlacePanel, { widget, attributes, setAttributes }) : null,
          el(OptionsPanels, { widget, attributes, setAttributes }),
        ),
        el(
          'div',
          blockProps,
          server
            ? el(Preview, { widget, attributes })
            : el(
                Placeholder,
                {
                  icon: 'admin-generic',
                  label: pick(widget.title),
                  instructions: __(
                    'No widgets server is set yet: choose one in Settings → France services. The widget is shown here once it is set.',
                    'france-services-widgets',
                  ),
                },
                settingsUrl
                  ? el(ExternalLink, { href: settingsUrl }, __('Open the France services settings', 'france-services-widgets'))
                  : el('p', null, __('Ask an administrator of the site to set it.', 'france-services-widgets')),
              ),
        ),
      );
    };
  }

  /** The block's attributes, as in its generated block.json. */
  function blockAttributes(widget) {
    const attributes = {};
    for (const a of widget.attributes) {
      attributes[a.name] =
        a.kind === 'boolean' ? { type: 'boolean', default: a.default === 'true' } : { type: 'string', default: a.default };
    }
    attributes.placeLabel = { type: 'string', default: '' };
    return attributes;
  }

  // The inspector's commune search lives in the editor's own document.
  ensureLoader(document);

  for (const widget of widgets) {
    if (getBlockType(widget.block)) continue;
    registerBlockType(widget.block, {
      apiVersion: 3,
      title: pick(widget.title),
      description: pick(widget.description),
      category: 'widgets',
      keywords: ['France services'],
      textdomain: 'france-services-widgets',
      attributes: blockAttributes(widget),
      supports: { html: false },
      edit: editFor(widget),
      save: () => null,
    });
  }
})(window.wp, window.fswEditor);
