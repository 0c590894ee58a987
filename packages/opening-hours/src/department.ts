/**
 * The department code for a department code or an INSEE commune code: `'67'`, `'2A'`,
 * `'974'` are returned as they are (trimmed, upper case); a five-character commune code
 * gives its department (`'67482'` → `'67'`, `'97801'` → `'978'`, `'2A004'` → `'2A'`).
 */
export function departmentOf(code: string): string {
  const normalized = code.trim().toUpperCase();
  if (normalized.length !== 5) return normalized;
  return normalized.startsWith('97') || normalized.startsWith('98') ? normalized.slice(0, 3) : normalized.slice(0, 2);
}
