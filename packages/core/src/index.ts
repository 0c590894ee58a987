export { FsElement, stringAttribute } from './base/fs-element.js';
export { defineElement } from './base/define.js';
export { emit } from './base/events.js';
export { safeHref } from './base/safe-href.js';
export { headingLevel } from './base/heading-level.js';
export { MinuteClock } from './base/minute-clock.js';
export { AgentTokenController, agentAuthRef, readAgentToken, TOKEN_FORMAT } from './agents/agent-token.js';
export { agentAccessStrings, type AgentAccessStrings } from './agents/agent-token-form.js';
export { ApiClient, requestUrl, type SearchParams } from './api/api-client.js';
export { defaultApiBase, setDefaultApiBase } from './api/api-base.js';
export { bookingPageUrl, serverOf, widgetsServer } from './api/widgets-server.js';
export { ApiError, type ApiErrorKind } from './api/api-error.js';
export { downloadTable, type TableFormat } from './api/table-download.js';
export { ApiResource, type ResourceState, type ResourceRequest } from './api/api-resource.js';
export { responseCache } from './api/response-cache.js';
export {
  LocaleController,
  loadLocale,
  localeReady,
  overrideStrings,
  partFor,
  registerStrings,
  toLocale,
  nearestLang,
  type Locale,
} from './i18n/locale.js';
export type { Strings } from './i18n/strings.fr.js';
export { formatClockTime, formatDistance, formatDate, formatDayAndDate, telHref } from './i18n/format.js';
export { formatNumber, formatShare } from './i18n/number-format.js';
export { timeRanges } from './i18n/time-ranges.js';
export {
  exceptionParts,
  exceptionText,
  formatDayMonth,
  reopeningText,
  upcomingExceptions,
  verifiedText,
  UPCOMING_EXCEPTION_DAYS,
  type ExceptionLike,
} from './i18n/exception-text.js';
export { sessionDays, stopSessionText, stopVisitText } from './i18n/stop-text.js';
export { nextDatesText, permanenceText, recurrenceText, sessionText } from './i18n/permanence-text.js';
export { loadQrCode, qrCodeReady, qrCodeSvg, type QrCodeOptions } from './qr/qr-code.js';
export { tokens } from './tokens/tokens.js';
export { controls } from './tokens/controls.js';
export { formStyles } from './tokens/forms.js';
export { figures } from './tokens/figures.js';
export { leafletBase } from './map/leaflet-styles.js';
export { newIdempotencyKey } from './outbox/idempotency-key.js';
export {
  Outbox,
  outboxFor,
  backoffDelay,
  registerOutboxAuthorization,
  type OutboxAuthorization,
  type OutboxEntry,
  type OutboxCounts,
  type FlushResult,
  type OutboxListener,
  type OutboxOptions,
} from './outbox/outbox.js';
export {
  widgetDatabase,
  closeWidgetDatabase,
  WIDGET_DB_NAME,
  WIDGET_DB_VERSION,
  type WidgetSchema,
  type StoredOutboxEntry,
} from './storage/widget-database.js';
export type { PostOptions } from './api/api-client.js';
