/**
 * The element's field errors with a patch applied (the recurrence builder's `onErrors`): a field
 * set to undefined has no error any more. Apart from the forms, which are fetched later: the
 * elements call it.
 */
export function mergeErrors<E extends Partial<Record<string, string>>>(errors: E, patch: Partial<Record<string, string | undefined>>): E {
  const merged: Record<string, string | undefined> = { ...errors, ...patch };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return merged as E;
}
