/**
 * The settings page (Settings → France services): checks the widgets' server live, as its
 * address is typed and when the page opens (« Serveur joignable, 2 845 France services »), and
 * lets the default commune be chosen with the widgets' own commune search
 * (`<fs-commune-search>`), which fills the hidden fields that are saved.
 *
 * Plain script, no build step. `window.fswSettings` comes from PHP (fsw_enqueue_settings_assets):
 * the translated texts, the locale for numbers, the saved server and its pinned loader (enqueued
 * on this page when a server is saved).
 */
(() => {
  'use strict';

  const config = window.fswSettings;
  const field = document.getElementById('fsw-server');
  const status = document.getElementById('fsw-server-status');
  if (!config || !field || !status) return;

  const strings = config.strings;
  const search = document.getElementById('fsw-commune-search');
  const wait = document.getElementById('fsw-commune-wait');
  const communeField = document.getElementById('fsw-commune');
  const labelField = document.getElementById('fsw-commune-label');
  const chosen = document.getElementById('fsw-commune-chosen');
  const clearButton = document.getElementById('fsw-commune-clear');

  /** `%s`, `%d`, `%1$s`… replaced in order, as PHP's sprintf() does for these texts. */
  const format = (text, ...values) => {
    let next = 0;
    return text.replace(/%(?:(\d+)\$)?[sd]/g, (_, position) => String(values[position ? Number(position) - 1 : next++]));
  };

  /**
   * The address as PHP keeps it (fsw_normalize_server): an absolute http(s) URL without query,
   * fragment or credentials, without its trailing `/`; '' for none, null when it is not one.
   */
  const normalize = (text) => {
    const value = text.trim();
    if (value === '') return '';
    if (/[\s<>"'\\`{}|^?#]/.test(value)) return null;
    let url;
    try {
      url = new URL(value);
    } catch {
      return null;
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname || url.username || url.password) return null;
    return value.replace(/\/+$/, '');
  };

  const say = (state, text) => {
    status.dataset.state = state;
    status.textContent = text;
  };

  /** The widgets' loader of a server is imported once (a custom element is defined once). */
  let loaderImported = false;
  const loadWidgets = (server) => {
    if (loaderImported || customElements.get('fs-commune-search')) return;
    // The saved server's pinned loader is already on the page (with its integrity); another
    // server typed here: its latest loader.
    if (config.loader && server === config.server) return;
    loaderImported = true;
    import(`${server}/widgets/fs-widgets.js`).catch(() => {
      loaderImported = false;
    });
  };

  /** The commune search talks to the server in the field, shown once it answers. */
  const showSearch = (server) => {
    if (!search) return;
    if (server) {
      search.setAttribute('api', `${server}/api/v1`);
      search.hidden = false;
      if (wait) wait.textContent = '';
      loadWidgets(server);
    } else {
      search.hidden = true;
      if (wait) wait.textContent = strings.searchWait;
    }
  };

  let abort;
  const check = async () => {
    abort?.abort();
    const server = normalize(field.value);
    if (server === '') {
      say('none', strings.none);
      showSearch(null);
      return;
    }
    if (server === null) {
      say('error', strings.invalid);
      showSearch(null);
      return;
    }
    const controller = new AbortController();
    abort = controller;
    say('checking', strings.checking);
    try {
      const response = await fetch(`${server}/api/v1/meta`, {
        headers: { accept: 'application/json' },
        signal: controller.signal,
        credentials: 'omit',
      });
      if (!response.ok) throw new Error(format(strings.httpStatus, response.status));
      const meta = await response.json().catch(() => null);
      const count = meta?.counts?.sites;
      if (typeof count !== 'number') throw new Error(strings.notServer);
      if (controller.signal.aborted) return;
      say('ok', format(strings.reachable, new Intl.NumberFormat(config.locale).format(count)));
      showSearch(server);
    } catch (error) {
      if (controller.signal.aborted) return;
      // A network failure is a TypeError whose text depends on the browser ("Failed to fetch").
      say('error', format(strings.unreachable, error instanceof TypeError ? strings.network : error.message));
      showSearch(null);
    }
  };

  let timer;
  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(check, 600);
  });
  field.addEventListener('change', () => {
    clearTimeout(timer);
    void check();
  });

  const showChosen = () => {
    const insee = communeField.value;
    chosen.textContent = insee ? format(strings.chosen, labelField.value || insee, insee) : strings.noCommune;
    clearButton.hidden = !insee;
  };

  search?.addEventListener('fs-place-select', (event) => {
    const commune = event.detail?.commune;
    if (!commune) return;
    communeField.value = commune.insee;
    labelField.value = event.detail.label || commune.name;
    showChosen();
  });

  clearButton?.addEventListener('click', () => {
    communeField.value = '';
    labelField.value = '';
    search?.removeAttribute('commune');
    search?.clear?.();
    showChosen();
    search?.focus();
  });

  void check();
})();
