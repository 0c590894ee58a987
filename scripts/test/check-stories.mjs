#!/usr/bin/env node
/**
 * Smoke test of the built Storybook: serves `storybook-static/` on a local port, opens every
 * story of the catalogue in headless Chromium, checks that it shows the texts (and elements) of
 * its state, then runs axe (axe-core, the engine of the a11y addon) on the story and fails on
 * any violation. Also checks each component's docs page table (from custom-elements.json) and
 * saves a screenshot of a few stories.
 *
 *   npm run build-storybook && node scripts/test/check-stories.mjs [screenshot-dir]
 *
 * Hermetic: every request that is not to the local server is aborted, so the base map's tiles
 * (OpenStreetMap) never load and the maps show their designed "fond de carte inaccessible"
 * state, whatever the network. The widgets' API is the catalogue's fake (in-page, no request).
 *
 * Chromium: $CHROME_PATH, else /usr/bin/chromium (Debian's; never a downloaded one).
 * Exits non-zero with the reason when something is wrong.
 */
import { existsSync, readFileSync } from 'node:fs';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)), 'storybook-static');
const SCREENSHOTS = process.argv[2] ?? '/tmp';
/** axe-core as installed (a dependency of @open-wc/testing and of the a11y addon). */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * What each story must show, by story id. `texts`: in the story's text, shadow roots included
 * (visually hidden text counts: it is what a screen reader reads). `selectors`: must match an
 * element (searched in every shadow root); `absent`: texts that must not be there;
 * `noSelectors`: selectors that must not match. Stories not listed must render without errors
 * and pass axe. `timeout`: how long the state may take (default 15 s).
 */
const SUITES = [
  {
    prefix: 'site-locator-site-card--',
    required: ['default', 'loading', 'not-found', 'server-error', 'offline'],
    screenshot: 'default',
    docsRows: ['site-id', 'heading-level', 'api', 'theme', 'lang', 'site', 'now', '--fs-color-primary', 'retry'],
    expected: {
      default: { texts: ['France services de Mende', 'Ouvert', 'ferme à'] },
      'closed-with-next-opening': { texts: ['France services de Mende', 'Fermé', 'ouvre lundi à'] },
      'public-holiday': { texts: ['Fermé', 'Noël'] },
      bus: { texts: ['Bus France services Thiérache Sambre et Oise', 'Itinérante'] },
      roaming: { texts: ['France services MSA itinérante de Lozère', 'France services itinérante'] },
      overseas: { texts: ['France services Saint-Louis - Makes', 'Ouvert'] },
      'with-comment': { texts: ['France services Le Moule', 'À savoir', 'msap@mairie-lemoule.fr'] },
      english: { texts: ['France services de Mende', 'Open', 'Address'] },
      'given-site-object': { texts: ['France services de Valserhône'] },
      empty: { texts: ['Aucune France services choisie'] },
      // Loading must be caught before the client's 10 s timeout turns it into an error.
      loading: { texts: ['Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 },
      'not-found': { texts: ['France services introuvable', '999999'] },
      'server-error': { texts: ['Affichage impossible pour le moment', 'Réessayer'] },
      offline: { texts: ['Vous êtes hors ligne', 'pas encore enregistrées', 'Réessayer'] },
      'offline-with-saved-copy': { texts: ['France services de Valserhône', 'Vous êtes hors ligne : informations enregistrées le'] },
      'dark-theme': { texts: ['France services de Mende'] },
      themed: { texts: ['France services de Mende'] },
    },
  },
  {
    prefix: 'site-locator-locator--',
    required: ['start', 'preset-rural-commune', 'results', 'loading', 'no-results', 'unknown-commune', 'server-error', 'offline', 'map-shown', 'split', 'details', 'english', 'filters-hidden'],
    screenshot: 'preset-rural-commune',
    docsRows: ['commune', 'postcode', 'lat', 'radius', 'view', 'filters', 'no-url-state', 'tile-url', 'now', 'fs-search', 'fs-site-select', 'details'],
    expected: {
      start: { texts: ['Trouver une France services', 'Où cherchez-vous ?', 'Autour de moi', 'Commune ou code postal', 'Ouvert maintenant'] },
      'preset-rural-commune': {
        texts: ['8 France services trouvées autour de Nanteuil-en-Vallée', 'Bus France services', 'Prochains passages', 'Lundi 30 novembre'],
        selectors: ['li.result[data-site="2023"] .stops li'],
      },
      results: {
        texts: ['10 France services trouvées autour de Mende', 'France services de Mende', 'en voiture (estimation)', 'À moins de 30 min', 'Ouvert', 'Afficher la carte'],
        selectors: ['li.result[data-site="2983"]'],
      },
      loading: { texts: ['Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 },
      'no-results': { texts: ['Aucune France services à moins de 5 km', 'Élargir à 10 km (1 France services)'] },
      'no-results-with-filters': { texts: ['Aucune France services à moins de 5 km', 'Retirer les filtres'], absent: ['Élargir'] },
      'unknown-commune': { texts: ['Où cherchez-vous ?', 'Cette commune est introuvable'] },
      'server-error': { texts: ['Affichage impossible pour le moment', 'Réessayer'] },
      offline: { texts: ['Vous êtes hors ligne', 'Vérifiez votre connexion', 'Réessayer'] },
      'offline-with-saved-results': { texts: ['Vous êtes hors ligne : résultats enregistrés le', '10 France services trouvées autour de Mende'] },
      'map-shown': {
        texts: ['10 France services trouvées autour de Mende', 'Masquer la carte', 'fond de carte inaccessible'],
        selectors: ['fs-site-map[tile-state="unavailable"]', '.leaflet-marker-pane .fs-marker', 'ol[part="results"] li.result'],
      },
      split: {
        texts: ['10 France services trouvées autour de Mende', 'fond de carte inaccessible'],
        selectors: ['.layout.split fs-site-map', '.leaflet-marker-pane .fs-marker'],
      },
      details: {
        texts: ['Retour aux résultats', 'Itinéraire', 'Ouvrir dans mon application de cartes', 'France services de Mende', 'Adresse'],
        selectors: ['#details fs-site-card', 'a[href^="https://www.openstreetmap.org/directions"]'],
        noSelectors: ['li.result'],
      },
      english: { texts: ['10 France services found near Mende', 'by car', 'Town or postcode', 'Near me', 'Open'] },
      'filters-hidden': { texts: ['10 France services trouvées autour de Mende'], noSelectors: ['fieldset'] },
    },
  },
  {
    prefix: 'site-locator-commune-search--',
    required: ['default', 'english', 'unavailable'],
    docsRows: ['value', 'geocoder', 'api', 'fs-place-select', 'input', 'listbox', 'option', '--fs-commune-search-accent'],
    expected: {
      default: { texts: ['Commune ou code postal', 'Tapez au moins 2 lettres'], selectors: ['input[role="combobox"][aria-expanded="false"]'] },
      suggestions: { texts: ['8 suggestions', 'Nantes', 'Nanteuil'], selectors: ['input[aria-expanded="true"]', '[role="option"]'] },
      postcode: { texts: ['8 suggestions', 'Mende', '48000'], selectors: ['input[aria-expanded="true"]'] },
      english: { texts: ['Town or postcode', '1 suggestion. Press down arrow to choose it.', 'Mende'], selectors: ['#commune-48095'] },
      unavailable: { texts: ['La recherche de communes ne répond pas'], selectors: ['input[aria-expanded="false"]'] },
    },
  },
  {
    prefix: 'satisfaction-question--',
    required: ['inline', 'inline-with-follow-ups', 'thanks', 'not-configured', 'kiosk', 'kiosk-follow-up', 'kiosk-offline-pending', 'english'],
    screenshot: 'kiosk-offline-pending',
    docsRows: ['site-id', 'mode', 'channel', 'ask-resolved', 'ask-comment', 'idle-timeout', 'thanks-duration', 'press-guard', 'heading-level', 'api', 'lang', 'fs-feedback-submit', 'scale', 'choice', 'pending', '--fs-satisfaction-accent'],
    expected: {
      inline: {
        texts: ['Êtes-vous satisfait de l’accueil que vous avez reçu ?', 'Votre avis est anonyme', 'Très satisfait', 'Satisfait', 'Peu satisfait', 'Pas satisfait', 'Envoyer mon avis'],
        selectors: ['fieldset input[type="radio"][name="rating"]', 'button[type="submit"]'],
        absent: ['Votre demande a-t-elle été résolue'],
      },
      'inline-with-follow-ups': {
        texts: ['Êtes-vous satisfait', 'Votre demande a-t-elle été résolue ?', 'En partie', 'Un commentaire ? (facultatif)', 'N’écrivez ni votre nom', 'Il reste 500 caractères.'],
        selectors: ['input[name="resolved"]', 'textarea[maxlength="500"]'],
      },
      // Sent by the play function; the fake API acknowledged it, so nothing waits.
      thanks: {
        texts: ['Merci pour votre avis !', 'Il aide la France services à mieux vous accueillir.'],
        absent: ['Êtes-vous satisfait', 'Il sera envoyé'],
        noSelectors: ['input[name="rating"]'],
      },
      'thanks-while-offline': { texts: ['Merci pour votre avis !', 'Il sera envoyé automatiquement dès le retour de la connexion.'] },
      'not-configured': { texts: ['Avis non configuré', 'l’attribut site-id'], noSelectors: ['input', 'button'] },
      kiosk: {
        texts: ['Êtes-vous satisfait de l’accueil que vous avez reçu ?', 'Très satisfait', 'Pas satisfait'],
        selectors: ['fs-satisfaction[mode="kiosk"]', '.scale button.very-satisfied'],
        absent: ['en attente d’envoi'],
      },
      'kiosk-follow-up': {
        texts: ['Votre demande a-t-elle été résolue ?', 'Oui', 'En partie', 'Non', 'Passer'],
        selectors: ['.options button[aria-pressed="false"]'],
        noSelectors: ['.scale'],
        absent: ['Merci'],
      },
      'kiosk-offline-pending': {
        texts: ['Êtes-vous satisfait', '1 avis en attente d’envoi'],
        selectors: ['.scale button', '[part="pending"][role="status"]'],
        absent: ['Merci'],
      },
      english: {
        texts: ['Are you satisfied with the service you received?', 'Very satisfied', 'Not very satisfied', 'Was your request resolved?', 'Send my answer'],
        absent: ['Êtes-vous'],
      },
    },
  },
  {
    prefix: 'satisfaction-results--',
    required: ['site', 'network', 'too-few-answers', 'no-answers-in-period', 'loading', 'server-error', 'english'],
    screenshot: 'site',
    docsRows: ['site-id', 'from', 'to', 'min-count', 'heading-level', 'api', 'lang', 'figure', 'chart', 'table', '--fs-satisfaction-results-accent'],
    expected: {
      // Fixed figures: the answers behind them were posted at a frozen clock (scripts/docs/story-fixtures.ts).
      site: {
        texts: [
          'La satisfaction des usagers', '85 % d’usagers satisfaits', 'sur 40 avis', '72,7 % disent que leur demande a été résolue.',
          'Répartition des avis', 'Très satisfait', 'Avis donnés du 16/11/2026 au 27/11/2026.',
        ],
        selectors: ['[part="figure"]', 'svg[part="chart"][aria-hidden="true"]', 'table[part="table"] tbody tr'],
      },
      network: { texts: ['85,5 % d’usagers satisfaits', 'sur 62 avis', 'Avis donnés du 16/11/2026 au 27/11/2026.'], selectors: ['table[part="table"]'] },
      'too-few-answers': {
        texts: ['Pas encore assez d’avis pour publier un résultat fiable (6 avis, il en faut au moins 30).', 'Avis donnés du 17/11/2026 au 26/11/2026.'],
        noSelectors: ['[part="figure"]', 'table'],
      },
      'no-answers-in-period': { texts: ['Aucun avis pour cette période.', 'Avis donnés du 01/10/2026 au 31/10/2026.'], noSelectors: ['[part="figure"]', 'table'] },
      loading: { texts: ['La satisfaction des usagers', 'Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 },
      'server-error': { texts: ['Le service ne répond pas', 'Réessayer'], noSelectors: ['[part="figure"]'] },
      english: {
        texts: ['User satisfaction', '85% of users satisfied', 'out of 40 answers', '72.7% say their request was resolved.', 'Breakdown of answers', 'Answers given from 16 Nov 2026 to 27 Nov 2026.'],
        absent: ['usagers'],
      },
    },
  },
  {
    prefix: 'demarches-tracker--',
    required: ['empty', 'case', 'mistyped', 'unknown', 'loading', 'offline', 'english'],
    screenshot: 'case',
    docsRows: ['code', 'heading-level', 'api', 'lang', 'fs-case-shown', 'timeline', '--fs-demarches-accent'],
    expected: {
      empty: {
        texts: ['Suivre mon dossier', 'Saisissez le code de suivi inscrit sur votre reçu.', 'Code de suivi', 'Voir mon dossier'],
        selectors: ['input#code[aria-invalid="false"]'],
        noSelectors: ['[part="case"]', '[part="message"]'],
      },
      // The illustrative case of scripts/docs/story-fixtures.ts (its code is random: not checked here).
      case: {
        texts: [
          'Demande de carte grise', 'Intérieur (titres)', 'Reçue', 'En attente de pièces', 'Dossier commencé avec l’agent',
          'Pièces à apporter avant l’envoi à l’ANTS', 'Justificatif de domicile de moins de 6 mois', 'Certificat de cession',
          'France services de Mende',
        ],
        selectors: ['[part="case"]', 'ol[part="timeline"] li[part="event"][aria-current="step"]'],
      },
      mistyped: {
        texts: ['Ce code contient une erreur de saisie : vérifiez chaque caractère.'],
        selectors: ['input#code[aria-invalid="true"]', '#code-error[role="alert"]'],
        noSelectors: ['[part="case"]', '[aria-busy="true"]'],
      },
      unknown: {
        texts: ['Aucun dossier ne correspond à ce code.'],
        selectors: ['[part="message"][data-state="unknown"]'],
        noSelectors: ['[part="case"]'],
      },
      loading: { texts: ['Recherche du dossier…'], selectors: ['[aria-busy="true"]'], timeout: 8000 },
      offline: {
        texts: ['Pas de connexion : impossible de consulter votre dossier pour le moment.', 'Réessayer'],
        selectors: ['[part="message"][data-state="offline"]'],
      },
      english: {
        texts: ['Follow my case', 'Tracking code', 'Waiting for documents', 'Demande de carte grise'],
        selectors: ['[part="case"]'],
        absent: ['Suivre mon dossier', 'En attente de pièces'],
      },
    },
  },
  {
    prefix: 'demarches-agent-log--',
    required: ['no-token', 'ready', 'english'],
    screenshot: 'ready',
    docsRows: ['site-id', 'tracker-url', 'heading-level', 'api', 'lang', 'fs-act-logged', 'fs-case-created', 'stats', '--fs-demarches-accent'],
    expected: {
      'no-token': {
        texts: ['Jeton d’accès de l’agent', 'Collez le jeton', 'Jeton d’accès', 'Il commence par fsw_.', 'Enregistrer'],
        selectors: ['input#token[type="password"]'],
        noSelectors: ['form.log-form'],
      },
      // Today's figures: the real server's answer for a day without logged acts (scripts/docs/story-fixtures.ts).
      ready: {
        texts: [
          'Enregistrer une demande', 'Aujourd’hui', '0 demande enregistrée', 'Pas encore de demande aujourd’hui', 'Partenaire',
          'France Travail', 'CAF', 'Intérieur (titres)', 'Résultat', 'Résolu dès la première visite', 'Canal', 'Accueil',
          'Mettre à jour un dossier', 'Changer de jeton',
        ],
        selectors: ['form.log-form', 'input[name="partner"]', '[part="stats"][data-state="ready"]', 'button[part="save"]'],
        noSelectors: ['input#token'],
      },
      english: {
        texts: ['Log a request', 'Today', '0 request logged', 'No request yet today', 'Partner', 'Outcome', 'Change token'],
        selectors: ['[part="stats"][data-state="ready"]'],
        absent: ['Enregistrer une demande'],
      },
    },
  },
  {
    prefix: 'partner-directory--',
    required: ['default', 'search', 'details', 'theme', 'partner', 'with-site', 'empty-search', 'empty-search-without-site', 'loading', 'server-error', 'offline', 'offline-with-saved-copy', 'english', 'english-search', 'english-empty-search'],
    screenshot: 'with-site',
    docsRows: ['site-id', 'locator-url', 'query', 'heading-level', 'api', 'lang', 'fs-need-search', 'fs-demarche-open', 'result', 'badge', '--fs-partner-directory-accent'],
    expected: {
      default: {
        texts: ['Vos démarches : qui peut vous aider ?', 'Que voulez-vous faire ?', 'Parcourir par thème', 'Papiers et citoyenneté', 'Les partenaires nationaux', 'France Travail', 'Trouver la France services la plus proche'],
        selectors: ['input#need[type="search"]', '[part="themes"] button[data-opener="theme:impots"]', '[part="partners"] button[data-opener="partner:caf"]', 'a[part="locator-link"][href="https://storybook.invalid/"]'],
        noSelectors: ['[part="result"]'],
      },
      // The search runs in the browser over the recorded catalogue: "cartegrise" typed without its space.
      search: {
        texts: ['Démarches pour « cartegrise »', 'démarches trouvées pour « cartegrise »', 'carte grise', 'Faisable avec l’agent France services', 'Partenaire concerné'],
        selectors: ['[part="result"][data-demarche="carte-grise-changement-adresse"]', '.partner-hits button[data-opener="partner:interieur"]'],
      },
      details: {
        texts: ['Demander un passeport (majeur)', 'Préparé avec l’agent, terminé chez le partenaire', 'Ce qu’il faut apporter', 'Source :'],
        selectors: ['.toggle[aria-expanded="true"]', '.details:not([hidden]) .online a[target="_blank"]'],
      },
      theme: { texts: ['Véhicule et permis de conduire', 'Retour', '7 démarches.', 'Faire la carte grise d'], selectors: ['[part="back"]', '#view-title'] },
      partner: {
        texts: ['Caisse d\'allocations familiales (CAF)', 'Ce dont il s’occupe', 'Services en ligne', 'Démarches courantes', 'Demander une aide au logement'],
        selectors: ['[part="back"]', '[part="result"][data-demarche="aides-logement-apl"]'],
      },
      // Mende's partners as recorded after the script added two illustrative local partners and three permanences.
      'with-site': {
        texts: [
          'Votre France services', 'France services de Mende', 'Les agents vous aident pour les démarches des neuf partenaires nationaux', 'Partenaires locaux',
          'Mission locale (exemple)', 'Prochaines permanences', 'Le 2e mardi du mois', 'Mardi 8 décembre, 9 h – 12 h', 'Un jeudi sur deux',
          'Jeudi 10 décembre, 14 h – 16 h 30', 'Conciliateur de justice (exemple)', 'Sur rendez-vous', 'Appelez la France services', '04 66 49 67 13',
        ],
        selectors: ['[part="site"] .permanences [part="permanence"] time[datetime="2026-12-08"]', '[part="site"] .call a[href="tel:0466496713"]'],
        noSelectors: ['[part="locator-link"]'],
      },
      'empty-search': {
        texts: ['Aucune démarche ne correspond à « xqzwvk »', 'Vérifiez l’orthographe', 'Essayez par exemple', 'carte grise', 'Ou parcourez les démarches par thème', 'Ou appelez France services de Mende : un agent vous orientera.'],
        selectors: ['[part="empty"] [part="themes"] button', '[part="empty"] .contact a[href^="tel:"]'],
        noSelectors: ['[part="result"]'],
      },
      'empty-search-without-site': {
        texts: ['Aucune démarche ne correspond à « xqzwvk »', 'Ou contactez la France services la plus proche'],
        selectors: ['[part="empty"] a[part="locator-link"][href="https://www.example.fr/trouver-une-france-services"]'],
      },
      loading: { texts: ['Vos démarches : qui peut vous aider ?', 'Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 },
      'server-error': { texts: ['Affichage impossible pour le moment', 'Le service ne répond pas', 'Réessayer'], selectors: ['[part="retry"]'] },
      offline: { texts: ['Vous êtes hors ligne', 'pas encore enregistrées', 'Réessayer'], selectors: ['[data-state="offline"] [part="retry"]'] },
      'offline-with-saved-copy': {
        texts: ['Vous êtes hors ligne : informations enregistrées le', 'Démarches pour « retraitte »', 'Demander sa retraite'],
        selectors: ['[part="notice"]'],
      },
      english: {
        texts: ['Your formalities: who can help?', 'What do you need to do?', 'Browse by topic', 'ID papers and citizenship', 'Your France services', 'The 2nd Tuesday of the month', 'Tuesday 8 December, 9 am – 12 pm', 'Every other Thursday'],
        absent: ['Que voulez-vous faire', 'Parcourir par thème'],
      },
      'english-search': { texts: ['Formalities for “passport”', 'Apply for a passport (adult)', 'Prepared with the agent, finished with the partner'], absent: ['Démarches pour'] },
      'english-empty-search': { texts: ['No formality matches “xqzwvk”', 'Check the spelling', 'Find the nearest France services'] },
    },
  },
  {
    prefix: 'demarches-partner-editor--',
    required: ['not-configured', 'no-token', 'loading', 'list', 'empty', 'server-error', 'offline', 'offline-with-saved-copy', 'unauthorized', 'forbidden', 'new-local-partner', 'new-permanence', 'english'],
    screenshot: 'list',
    docsRows: ['site-id', 'heading-level', 'api', 'lang', 'fs-partners-change', 'item', 'confirmation', '--fs-demarches-accent'],
    expected: {
      'not-configured': { texts: ['Éditeur non configuré', 'site-id'], noSelectors: ['input', 'button'] },
      'no-token': {
        texts: ['Jeton d’accès de l’agent', 'collez le jeton', 'Il commence par fsw_.', 'Enregistrer'],
        selectors: ['input#token[type="password"]'],
        noSelectors: ['[part="list"]'],
      },
      loading: { texts: ['Partenaires locaux et permanences', 'Chargement des partenaires et des permanences…'], selectors: ['[aria-busy="true"]'], timeout: 8000 },
      // Mende's partners as recorded after the fixtures script added illustrative ones (scripts/docs/story-fixtures.ts), on Monday 30 November 2026.
      list: {
        texts: [
          'Partenaires locaux et permanences', 'Partenaires locaux', 'Mission locale (exemple)', 'Téléphone : 04 65 71 00 00', '1 permanence',
          'Conciliateur de justice (exemple)', 'Ajouter un partenaire local', 'Permanences', 'Le 2e mardi du mois, 9 h – 12 h, sur rendez-vous',
          'Prochaines dates : mardi 8 décembre, mardi 12 janvier et mardi 9 février.', 'Un jeudi sur deux, 14 h – 16 h 30', 'Sur rendez-vous',
          'Prendre rendez-vous à l’accueil', 'Modifier', 'Supprimer', 'Ajouter une permanence', 'Changer de jeton',
        ],
        selectors: ['[data-state="ready"]', '[part="list"] [part="item"]', 'button#add-local', 'button#add-permanence'],
        noSelectors: ['form'],
      },
      empty: {
        texts: ['Aucun partenaire local pour l’instant : ajoutez le premier.', 'Aucune permanence pour l’instant : ajoutez la première.'],
        selectors: ['[data-state="ready"]'],
        noSelectors: ['[part="item"]'],
      },
      'server-error': { texts: ['Liste indisponible pour le moment', 'Le service ne répond pas', 'Réessayer'], selectors: ['[data-state="error"]'] },
      offline: { texts: ['Vous êtes hors ligne', 'pas encore enregistrée sur cet appareil', 'Réessayer'], selectors: ['[data-state="offline"]'] },
      'offline-with-saved-copy': {
        texts: ['Vous êtes hors ligne : voici la liste enregistrée le', 'Mission locale (exemple)', 'Le 2e mardi du mois'],
        selectors: ['[data-state="stale"]'],
      },
      unauthorized: {
        texts: ['Jeton refusé', 'il est invalide, a expiré ou a été révoqué', 'Changer de jeton'],
        selectors: ['[data-state="unauthorized"] [role="alert"]'],
        noSelectors: ['[part="list"]'],
      },
      forbidden: {
        texts: ['Jeton d’une autre France services', 'la France services n° 3', 'Changer de jeton'],
        selectors: ['[data-state="forbidden"] [role="alert"]'],
      },
      'new-local-partner': {
        texts: ['Nouveau partenaire local', 'Nom de l’organisme', '(obligatoire)', 'Téléphone de l’organisme', 'Thèmes', 'Papiers et citoyenneté', 'Enregistrer', 'Annuler'],
        selectors: ['form[part="form"] input#pf-name[aria-required="true"]', 'fieldset#pf-themes input[type="checkbox"]'],
      },
      'new-permanence': {
        texts: [
          'Nouvelle permanence', 'Partenaire', 'France Travail', 'Mission locale (exemple)', 'Quand a-t-elle lieu ?', 'Chaque semaine', 'Toutes les 2 semaines ou plus',
          'Chaque mois', 'Sur rendez-vous, sans date fixe', 'Quelle semaine du mois ?', 'dernier', 'Quel jour de la semaine ?', 'Horaires', 'Période',
        ],
        selectors: ['select#pm-partner optgroup[label="Partenaires nationaux"]', 'fieldset#pm-freq legend', 'input[name="freq"][value="monthly"]:checked', 'input[name="nth"][value="2"]:checked', 'input#pm-opens[type="time"]'],
      },
      english: {
        texts: ['Local partners and permanences', 'Add a local partner', 'The 2nd Tuesday of the month, 9 am – 12 pm, by appointment', 'Next dates: Tuesday 8 December', 'Every other Thursday', 'By appointment'],
        absent: ['Partenaires locaux et permanences', 'Prochaines dates'],
      },
    },
  },
  {
    prefix: 'kit-poster--',
    required: ['default', 'locator-target', 'custom-address', 'without-local-partners', 'partners-unavailable', 'not-configured', 'loading', 'not-found', 'server-error', 'offline', 'offline-with-saved-copy', 'english'],
    screenshot: 'default',
    docsRows: ['site-id', 'commune', 'qr-target', 'href', 'heading-level', 'api', 'lang', 'now', 'sheet', 'qr', 'url', '--fs-poster-accent', '--fs-poster-page-margin'],
    expected: {
      // Mende's partners as recorded after the script added two illustrative local partners and three permanences.
      default: {
        texts: [
          'Besoin d’aide pour vos démarches ?', 'France services vous accompagne', 'Imprimer l’affiche', 'France services de Mende', '04 66 49 67 13',
          'Horaires d’ouverture', 'Lundi', '8 h 30 – 12 h', 'Fermé les jours fériés.', 'Partenaires nationaux', 'France Travail', 'Impôts',
          'Partenaires locaux et permanences', 'Mission locale (exemple)', 'Le 2e mardi du mois, 9 h – 12 h, sur rendez-vous.',
          'Prochaines dates : mardi 8 décembre et mardi 12 janvier.', 'Un jeudi sur deux', 'Conciliateur de justice (exemple) — Sur rendez-vous.',
          'https://storybook.invalid/embed/fs-site-card?site-id=2983', 'Informations du 30/11/2026.', 'ce n’est pas un document officiel de l’État',
        ],
        selectors: ['svg.qr[part="qr"][role="img"]', 'table[part="hours"] tbody tr', 'button[part="print"]', '[part="local"] li[data-permanence]'],
      },
      'locator-target': {
        texts: ['Trouver une France services près de chez vous', 'https://storybook.invalid/embed/fs-site-locator?commune=48095'],
        selectors: ['svg.qr'],
      },
      'custom-address': { texts: ['https://www.mairie-exemple.fr/france-services'], selectors: ['svg.qr'], absent: ['/embed/'] },
      'without-local-partners': {
        texts: ['France services MSA itinérante de Lozère', 'France services itinérante', 'Partenaires nationaux', 'Impôts'],
        selectors: ['svg.qr'],
        noSelectors: ['[part="local"]'],
      },
      'partners-unavailable': {
        texts: ['France services de Valserhône', 'Liste des partenaires indisponible pour le moment.', 'Réessayer'],
        selectors: ['[part="notice"]', 'button[part="retry"]', 'svg.qr'],
      },
      'not-configured': { texts: ['Affiche non configurée', 'l’attribut site-id'], noSelectors: ['[part="sheet"]', 'button'] },
      loading: { texts: ['Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 },
      'not-found': { texts: ['France services introuvable', '999999'], noSelectors: ['[part="retry"]', '[part="sheet"]'] },
      'server-error': { texts: ['Affichage impossible pour le moment', 'Réessayer'], selectors: ['[part="retry"]'] },
      offline: { texts: ['Vous êtes hors ligne', 'pas encore enregistrées', 'Réessayer'], selectors: ['[data-state="offline"] [part="retry"]'] },
      'offline-with-saved-copy': {
        texts: ['Vous êtes hors ligne : informations enregistrées le', 'France services de Mende', 'Mission locale (exemple)'],
        selectors: ['[part="notice"]', 'svg.qr'],
      },
      english: {
        texts: ['Need help with your paperwork?', 'France services is here to help', 'Print the poster', 'Opening hours', 'Monday', '8:30 am – 12 pm', 'National partners', 'The 2nd Tuesday of the month, 9 am – 12 pm, by appointment.', 'Next dates:'],
        absent: ['Horaires', 'Imprimer'],
      },
      themed: { texts: ['France services de Mende'], selectors: ['svg.qr'] },
    },
  },
  {
    prefix: 'site-locator-map--',
    required: ['with-sites', 'selected', 'no-tiles'],
    screenshot: 'selected',
    docsRows: ['sites', 'selected-id', 'origin', 'tile-url', 'tiles', 'tile-timeout', 'fs-site-select', '--fs-site-map-height'],
    expected: {
      'with-sites': {
        texts: ['Flèches : déplacer la carte', 'fond de carte inaccessible', '© OpenStreetMap contributors'],
        selectors: ['.leaflet-marker-pane .fs-marker', '.fs-origin[role="img"]', '.leaflet-control-zoom'],
      },
      selected: {
        texts: ['fond de carte inaccessible'],
        selectors: ['.fs-marker.is-selected[data-site-id="2983"][aria-current="true"]'],
      },
      'no-tiles': {
        texts: ['La carte ne peut pas s’afficher (fond de carte inaccessible)', 'Fond de carte de démonstration'],
        selectors: ['fs-site-map[tile-state="unavailable"]', '.leaflet-marker-pane .fs-marker'],
      },
    },
  },
  // The communication kit. The banner's and the badge's clock is frozen by the stories (Monday
  // 30 November 2026, 10:00 in Paris); the key figures were recorded at the script's frozen clock.
  {
    prefix: 'kit-banner--',
    required: ['strip', 'square', 'vertical', 'site', 'empty', 'loading', 'not-found', 'server-error', 'offline', 'offline-with-saved-copy', 'english'],
    screenshot: 'strip',
    docsRows: ['commune', 'site-id', 'href', 'size', 'heading-level', 'api', 'lang', 'now', 'link', '--fs-banner-accent'],
    expected: {
      strip: {
        texts: ['Besoin d’aide pour vos démarches ?', 'La plus proche', 'France services de Mende', 'à 1,6 km de Mende', 'Ouvert maintenant', 'jusqu’à 12 h', 'Voir les France services près de chez moi'],
        selectors: ['fs-banner[size="strip"]', 'a[part="link"][href="https://storybook.invalid/embed/fs-site-locator?commune=48095"]'],
      },
      square: { texts: ['Besoin d’aide pour vos démarches ?', 'France services de Mende', 'Ouvert maintenant'], selectors: ['fs-banner[size="square"]'] },
      vertical: { texts: ['Besoin d’aide pour vos démarches ?', 'France services de Mende', 'Ouvert maintenant'], selectors: ['fs-banner[size="vertical"]'] },
      site: {
        texts: ['Votre France services', 'France services de Mende', 'Voir l’adresse et les horaires'],
        selectors: ['a[part="link"][href="https://storybook.invalid/embed/fs-site-card?site-id=2983"]'],
        absent: ['La plus proche', 'km de Mende'],
      },
      'opens-later-today': { texts: ['Ouvert aujourd’hui', 'à partir de 13 h 30'] },
      'closed-today': { texts: ['Fermé aujourd’hui', 'ouvre lundi à 8 h 30'] },
      'custom-link': { texts: ['France services de Mende'], selectors: ['a[part="link"][href="https://www.example.fr/france-services"]'] },
      empty: {
        texts: ['Besoin d’aide pour vos démarches ?', 'Trouver une France services'],
        selectors: ['a[part="link"][href="https://storybook.invalid/embed/fs-site-locator"]'],
        noSelectors: ['[part="site"]'],
      },
      loading: { texts: ['Besoin d’aide pour vos démarches ?', 'Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 },
      'not-found': { texts: ['Aucune commune ne porte le code INSEE « 99999 »', 'Trouver une France services'], noSelectors: ['[part="name"]'] },
      'server-error': { texts: ['Le service ne répond pas', 'Réessayer'], selectors: ['[part="retry"]'] },
      offline: { texts: ['pas encore enregistrées', 'Réessayer'], selectors: ['[part="retry"]'] },
      'offline-with-saved-copy': { texts: ['France services de Mende', 'Hors ligne : informations du'], selectors: ['[part="notice"]'] },
      english: {
        texts: ['Need help with your paperwork?', 'The nearest', '1.6 km from Mende', 'Open now', 'until 12 pm', 'See the France services near me'],
        absent: ['Besoin d’aide'],
      },
      themed: { texts: ['France services de Mende'] },
    },
  },
  {
    prefix: 'kit-badge--',
    required: ['default', 'site', 'empty', 'loading', 'not-found', 'server-error', 'offline', 'offline-with-saved-copy', 'english'],
    screenshot: 'default',
    docsRows: ['commune', 'site-id', 'href', 'api', 'lang', 'now', 'link', 'status', '--fs-badge-accent'],
    expected: {
      default: {
        texts: ['France services à 1,6 km — ouvert maintenant', 'France services de Mende'],
        selectors: ['a[part="link"][href="https://storybook.invalid/embed/fs-site-locator?commune=48095"]'],
      },
      site: {
        texts: ['France services de Mende — ouvert maintenant'],
        selectors: ['a[part="link"][href="https://storybook.invalid/embed/fs-site-card?site-id=2983"]'],
        noSelectors: ['[part="name"]'],
      },
      'open-today': { texts: ['France services à 1,6 km — ouvert aujourd’hui'] },
      'closed-today': { texts: ['France services à 1,6 km — fermé aujourd’hui'] },
      empty: { texts: ['Trouver une France services'], selectors: ['a[part="link"][href="https://storybook.invalid/embed/fs-site-locator"]'] },
      loading: { texts: ['France services…', 'Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 },
      'not-found': { texts: ['Trouver une France services', 'Aucune commune ne porte le code INSEE « 99999 »'] },
      'server-error': { texts: ['France services : informations indisponibles', 'Réessayer'], selectors: ['[part="retry"]'] },
      offline: { texts: ['France services : hors ligne', 'Réessayer'], selectors: ['[part="retry"]'] },
      'offline-with-saved-copy': { texts: ['ouvert maintenant', 'Hors ligne : informations du'], selectors: ['[part="notice"]'] },
      english: { texts: ['France services 1.6 km away — open now', 'France services de Mende'], absent: ['ouvert'] },
    },
  },
  {
    prefix: 'kit-key-figures--',
    required: ['network', 'site', 'too-few-answers', 'empty', 'not-found', 'loading', 'server-error', 'offline', 'offline-with-saved-copy', 'english'],
    screenshot: 'network',
    docsRows: ['site-id', 'year', 'heading-level', 'api', 'lang', 'figure', 'period', '--fs-key-figures-accent'],
    expected: {
      // Fixed figures: the illustrative acts and answers behind them were recorded at a frozen clock (scripts/docs/story-fixtures.ts).
      network: {
        texts: [
          'France services en chiffres', '2 721 France services et 124 antennes', '68 demandes traitées', '71 % des demandes résolues dès la première visite',
          '85 % des usagers satisfaits sur 62 avis', 'Du 1er janvier au 30 novembre 2026 — source : France services widgets, données des agents',
          'Nombre de France services : ANCT — Liste des structures France services, 01/08/2024.',
        ],
        selectors: ['[part="figure"][data-figure="sites"]', '[part="period"]'],
      },
      site: {
        texts: ['France services de Mende en chiffres', '48 demandes traitées', '69 % des demandes résolues dès la première visite', '85 % des usagers satisfaits sur 40 avis', 'Du 1er janvier au 30 novembre 2026 — source :'],
        absent: ['antennes', 'pas encore assez'],
      },
      'too-few-answers': {
        texts: ['8 demandes traitées', 'Résolution dès la première visite pas encore assez de réponses', 'Satisfaction des usagers pas encore assez de réponses', 'Un taux n’est publié qu’à partir de 30 réponses.', 'Du 1er janvier au 30 novembre 2026 — source :'],
        noSelectors: ['[data-figure="satisfaction"] [part="value"]'],
      },
      empty: { texts: ['Pas encore de demande ni d’avis enregistré sur cette période.', 'Du 1er janvier au 30 novembre 2026 — source :'], noSelectors: ['[part="figures"]'] },
      'past-year': { texts: ['Du 1er janvier au 31 décembre 2025 — source :'] },
      'not-found': { texts: ['Aucune France services ne porte l’identifiant « 999999 »'], noSelectors: ['[part="figures"]'] },
      'invalid-year': { texts: ['L’année « 2999 » n’est pas disponible'] },
      loading: { texts: ['France services en chiffres', 'Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 },
      'server-error': { texts: ['Le service ne répond pas', 'Réessayer'], selectors: ['[part="retry"]'] },
      offline: { texts: ['pas encore enregistrées', 'Réessayer'], selectors: ['[part="retry"]'] },
      'offline-with-saved-copy': { texts: ['Vous êtes hors ligne : informations enregistrées le', '2 721 France services et 124 antennes', 'Du 1er janvier au 30 novembre 2026'], selectors: ['[part="notice"]'] },
      english: {
        texts: ['France services de Mende in figures', '48 requests handled', '69% of requests solved at the first visit', '85% of users satisfied out of 40 answers', 'From 1 January to 30 November 2026 — source: France services widgets'],
        absent: ['demandes'],
      },
    },
  },
  {
    prefix: 'configurator--',
    required: ['start', 'widget-chosen', 'commune-chosen', 'copied', 'loading', 'manifest-error', 'offline', 'english'],
    screenshot: 'commune-chosen',
    docsRows: ['server', 'heading-level', 'no-url-state', 'api', 'lang', 'manifest', 'release', 'now', 'fs-configuration-change', 'fs-snippet-copy', 'preview', '--fs-configurator-accent'],
    expected: {
      start: {
        texts: ['1. Choisissez le widget', 'Trouver une France services', 'Votre France services', 'Votre avis', 'Les outils des agents'],
        selectors: ['input[name="widget"][value="fs-site-locator"]', 'input[name="widget"][value="fs-site-card"]'],
        noSelectors: ['input[name="widget"][value="fs-demarche-log"]', 'input[name="widget"]:checked', '#script-code'],
      },
      'widget-chosen': {
        texts: ['2. Indiquez votre commune', 'Commune ou code postal', '3. Réglez les options', 'Affichage', 'Réglages avancés', '4. Vérifiez l’aperçu', 'Trouver une France services', '5. Copiez le code', 'Copier le code', 'Note pour votre prestataire'],
        selectors: ['input[name="widget"][value="fs-site-locator"]:checked', '[data-attribute="view"] select', '[data-attribute="no-url-state"] input[type="checkbox"]', 'fs-configurator > [slot="preview"] fs-site-locator', 'textarea#script-code'],
      },
      'commune-chosen': {
        texts: ['Commune choisie : Mende (48000) (code INSEE 48095).', 'France services les plus proches de Mende', 'France services de Mende — à ', 'La plus proche est choisie', 'France services de Mende', 'Copier le code du cadre'],
        selectors: ['input[name="site"][value="2983"]:checked', 'fs-configurator > [slot="preview"] fs-site-card[site-id="2983"]'],
      },
      copied: {
        texts: ['Commune choisie : Mende', 'Copier le code'],
        selectors: ['[data-variant="script"][data-status] [role="status"]'],
      },
      loading: { texts: ['Chargement de la liste des widgets…'], selectors: ['[aria-busy="true"]'], timeout: 8000 },
      'manifest-error': { texts: ['La liste des widgets n’a pas pu être chargée', 'Réessayer'], selectors: ['[part="retry"]'], noSelectors: ['input[name="widget"]'] },
      offline: { texts: ['Vous êtes hors ligne', 'Réessayer'], selectors: ['[data-state="offline"] [part="retry"]'] },
      english: {
        texts: ['1. Choose the widget', 'Your France services', 'Town chosen: Mende (48000)', 'Copy the code'],
        absent: ['Choisissez le widget'],
      },
    },
  },
];

function fail(message) {
  console.error(`check-stories: FAILED: ${message}`);
  process.exitCode = 1;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.map': 'application/json',
};

/** A static file server for storybook-static on a free port of 127.0.0.1. */
function serve(root) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root + sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('Not found');
    }
  });
  return new Promise((ok, ko) => server.once('error', ko).listen(0, '127.0.0.1', () => ok(server)));
}

/**
 * In the page: the story's state. Text of `#storybook-root` with every shadow root (not styles),
 * and which of the selectors match somewhere in it.
 */
function storyState({ selectors, noSelectors }) {
  const root = document.querySelector('#storybook-root');
  const roots = [];
  let text = '';
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      text += node.data;
      return;
    }
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName)) return;
      if (node.shadowRoot) {
        roots.push(node.shadowRoot);
        text += ' ';
        walk(node.shadowRoot);
        text += ' ';
      }
    }
    for (const child of node.childNodes) walk(child);
  };
  if (root) {
    roots.push(root);
    walk(root);
  }
  const matches = (selector) => roots.some((r) => r.querySelector(selector));
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    found: selectors.filter(matches),
    foundForbidden: noSelectors.filter(matches),
  };
}

function verdict(expected, state) {
  const problems = [];
  const missingTexts = expected.texts.filter((t) => !state.text.includes(t));
  const presentAbsent = expected.absent.filter((t) => state.text.includes(t));
  const missingSelectors = expected.selectors.filter((s) => !state.found.includes(s));
  if (state.text === '') problems.push('nothing rendered');
  if (missingTexts.length) problems.push(`missing texts ${JSON.stringify(missingTexts)}`);
  if (presentAbsent.length) problems.push(`unexpected texts ${JSON.stringify(presentAbsent)}`);
  if (missingSelectors.length) problems.push(`missing elements ${JSON.stringify(missingSelectors)}`);
  if (state.foundForbidden.length) problems.push(`unexpected elements ${JSON.stringify(state.foundForbidden)}`);
  return problems;
}

/**
 * In the page: axe on the story, with the a11y addon's settings (its `region` rule is off too:
 * a widget is not a page). The addon runs axe itself after each story, and a script tag of
 * axe-core extends the same global `axe`: wait while that run finishes.
 */
async function runAxe() {
  const axe = window.axe;
  let result;
  for (let attempt = 0; !result; attempt++) {
    try {
      axe.configure({ rules: [{ id: 'region', enabled: false }] });
      result = await axe.run({ include: [['#storybook-root']] }, { resultTypes: ['violations'] });
    } catch (err) {
      if (!String(err?.message ?? err).includes('already running') || attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
    })),
    version: axe.version,
  };
}

async function checkStory(browser, base, suite, name) {
  const id = `${suite.prefix}${name}`;
  const expected = { texts: [], selectors: [], absent: [], noSelectors: [], timeout: 15000, ...suite.expected[name] };
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 900 });
  const errors = [];
  const blocked = new Map();
  page.on('pageerror', (err) => errors.push(err.message));
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return void request.continue();
    const host = new URL(url).host;
    blocked.set(host, (blocked.get(host) ?? 0) + 1);
    void request.abort('internetdisconnected');
  });
  const started = Date.now();
  await page.goto(`${base}/iframe.html?id=${id}&viewMode=story`, { waitUntil: 'load' });
  const args = { selectors: expected.selectors, noSelectors: expected.noSelectors };
  await page.evaluate(`window.__storyState = ${storyState.toString()}`);
  try {
    await page.waitForFunction(
      (exp, a) => {
        const state = window.__storyState(a);
        return (
          state.text !== '' &&
          exp.texts.every((t) => state.text.includes(t)) &&
          !exp.absent.some((t) => state.text.includes(t)) &&
          state.found.length === exp.selectors.length &&
          state.foundForbidden.length === 0
        );
      },
      { timeout: expected.timeout, polling: 100 },
      expected,
      args,
    );
  } catch {
    /* reported below with what the story shows */
  }
  const state = await page.evaluate(storyState, args);
  const stateMs = Date.now() - started;
  const problems = verdict(expected, state);
  if (errors.length) problems.push(`page errors ${JSON.stringify(errors)}`);

  // axe, on the state just checked (Loading too: before the client's timeout).
  const axeStarted = Date.now();
  let axe;
  try {
    await page.addScriptTag({ path: AXE });
    axe = await page.evaluate(runAxe);
  } catch (err) {
    problems.push(`axe did not run: ${err?.message ?? err}`);
  }
  const axeMs = Date.now() - axeStarted;
  for (const v of axe?.violations ?? []) problems.push(`axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.join(', ')}`);

  const line = `${(suite.prefix.replace(/^site-locator-|--$/g, '') + '/' + name).padEnd(44)} ${String(stateMs).padStart(5)} ms  axe ${String(axeMs).padStart(4)} ms`;
  const blockedNote = blocked.size ? `  [blocked: ${[...blocked].map(([h, n]) => `${h} ×${n}`).join(', ')}]` : '';
  if (problems.length) fail(`${line}\n    ${problems.join('\n    ')}\n    story shows: "${state.text.slice(0, 400)}"`);
  else {
    const from = Math.max(0, state.text.indexOf(expected.texts[0] ?? ''));
    console.log(`ok  ${line}  "${state.text.slice(from, from + 70)}…"${blockedNote}`);
  }
  if (name === suite.screenshot) {
    const path = join(SCREENSHOTS, `story-${id}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`    screenshot: ${path}`);
  }
  await page.close();
  return { axeMs, axeVersion: axe?.version, violations: axe?.violations.length ?? 0 };
}

/** A component's docs page: its table comes from custom-elements.json, with no private member. */
async function checkDocs(browser, base, suite) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${base}/iframe.html?id=${suite.prefix}docs&viewMode=docs`, { waitUntil: 'load' });
  const rows = suite.docsRows;
  const label = `docs ${suite.prefix.replace(/^site-locator-|--$/g, '')}`;
  try {
    await page.waitForFunction((r) => { const t = document.querySelector('.docblock-argstable')?.textContent ?? ''; return r.every((x) => t.includes(x)); }, { timeout: 15000 }, rows);
    // Private and protected members must not be documented.
    const names = await page.$$eval('.docblock-argstable tbody tr td:first-child', (tds) => tds.map((td) => td.textContent?.trim() ?? ''));
    if (!names.includes(rows[0])) fail(`${label}: cannot read the names of the props table`);
    const leaked = names.filter((n) => n.startsWith('#') || ['clock', 'client', 'i18n', 'options', 'active', 'announcement', 'mapShown', 'mapReady', 'selectedSite', 'presetError', 'shadowRootOptions', 'step', 'rating', 'resolved', 'comment', 'queued', 'missingRating'].includes(n));
    if (leaked.length) fail(`${label}: private members in the table: ${leaked.join(', ')}`);
    else if (errors.length) fail(`${label}: page errors ${JSON.stringify(errors)}`);
    else console.log(`ok  ${label} page: table has ${rows.join(', ')}`);
  } catch {
    const table = await page.$eval('.docblock-argstable', (t) => t.textContent ?? '').catch(() => '');
    fail(`${label}: the props table lacks ${rows.filter((r) => !table.includes(r)).join(', ') || '(no table)'}`);
  }
  await page.close();
}

async function main() {
  if (!existsSync(join(ROOT, 'index.html')) || !existsSync(join(ROOT, 'iframe.html'))) {
    return fail(`${ROOT}/index.html not found: run \`npm run build-storybook\` first.`);
  }
  let chrome;
  try {
    chrome = findChromium();
  } catch (err) {
    return fail(err.message);
  }

  const index = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8'));
  const stories = Object.values(index.entries).filter((e) => e.type === 'story');
  const plan = [];
  for (const suite of SUITES) {
    const names = stories.filter((e) => e.id.startsWith(suite.prefix)).map((e) => e.id.slice(suite.prefix.length));
    for (const name of suite.required) if (!names.includes(name)) fail(`story ${suite.prefix}${name} is missing from index.json`);
    for (const name of Object.keys(suite.expected)) if (!names.includes(name)) fail(`story ${suite.prefix}${name} is expected but not built`);
    for (const name of names) plan.push([suite, name]);
  }
  const unchecked = stories.filter((e) => !SUITES.some((s) => e.id.startsWith(s.prefix)));
  if (unchecked.length) fail(`stories outside the checked components: ${unchecked.map((e) => e.id).join(', ')} (add a suite)`);

  const server = await serve(ROOT);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: chrome,
    args: CHROMIUM_ARGS,
  });
  const started = Date.now();
  let axeTotal = 0;
  let axeVersion;
  try {
    for (const [suite, name] of plan) {
      const result = await checkStory(browser, base, suite, name);
      axeTotal += result.axeMs;
      axeVersion ??= result.axeVersion;
    }

    // The docs pages: their tables must come from the manifest (attributes, properties, events, CSS API).
    for (const suite of SUITES) await checkDocs(browser, base, suite);
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`axe-core ${axeVersion ?? '?'} on ${plan.length} stories: ${(axeTotal / 1000).toFixed(1)} s of the ${seconds} s run`);
  if (!process.exitCode) console.log(`check-stories: all ${plan.length} stories OK (texts and axe)`);
}

main().catch((err) => fail(err?.stack ?? String(err)));
