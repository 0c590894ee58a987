import type { FeedbackChannel } from '@fs-widgets/contract';

/**
 * How many answers one client (an IP address) may send for one site per hour, by channel.
 * The one place these numbers live; the README and docs/security.md repeat them.
 * - `web`: a person answers once; five leaves room for a family behind one home connection.
 * - `kiosk`: one tablet at the counter answers for everyone who walks by (a busy site sees
 *   about a hundred people an hour at its peak).
 * - `phone`: an agent records answers given over the phone, one call after the other.
 * A kiosk flushing a day of answers queued offline gets 429 with `Retry-After` and sends the
 * rest later: answers are delayed, not lost.
 */
export const FEEDBACK_RATE_LIMITS: Readonly<Record<FeedbackChannel, number>> = { web: 5, kiosk: 120, phone: 60 };
