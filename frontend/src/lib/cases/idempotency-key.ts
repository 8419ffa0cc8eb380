/**
 * A fresh `Idempotency-Key`: a retried submission then answers the case the first one created.
 * `crypto.randomUUID` needs a secure context; `getRandomValues` does not.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
