import { ProblemType } from '@fs-widgets/contract/codes';
import { ApiError } from '@fs-widgets/core';

/** What went wrong with a request about a case, in the terms the widgets show. */
export type CaseProblem = 'auth' | 'mistyped' | 'unknown' | 'expired' | 'too-many' | 'offline' | 'invalid' | 'server';

export function caseProblem(err: unknown): CaseProblem {
  if (!(err instanceof ApiError)) return 'server';
  if (err.kind === 'offline' || err.kind === 'timeout') return 'offline';
  if (err.status === 401 || err.status === 403) return 'auth';
  if (err.status === 404) return 'unknown';
  if (err.status === 410 || err.problem?.type === ProblemType.expired) return 'expired';
  if (err.status === 429) return 'too-many';
  if (err.problem?.type === ProblemType.mistypedCode) return 'mistyped';
  if (err.kind === 'invalid') return 'invalid';
  return 'server';
}

/** The page parameter that carries a case code (the QR code on the receipt sets it). */
export const CODE_PARAM = 'fs-code';
