// Identifier helpers shared by the adapters and the rules, so "id-like" and "PII-like" mean the same
// thing in every language.

/** Splits `customerEmail`, `customer_email`, `customer.email`, `CustomerEmailHTTP` into lower-case words. */
export function words(identifier: string): string[] {
  return (
    identifier
      // A plural acronym stays one word: `ListSKUs` → list, skus (not sk, us).
      .replace(/([A-Z]{2,})s(?![a-z])/g, '$1S')
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .split(/[^A-Za-z0-9]+/)
      .filter((w) => w.length > 0)
      .map((w) => w.toLowerCase())
  );
}

/** `id`, `orderID`, `order_id`, `userId`, `sku`, `uuid`: parameters that identify a business entity. */
export function isIdLike(name: string): boolean {
  const ws = words(name);
  const last = ws[ws.length - 1];
  return (
    last === 'id' ||
    last === 'ids' ||
    last === 'uuid' ||
    last === 'guid' ||
    last === 'sku' ||
    (last === 'key' && ws.length > 1 && ws[0] !== 'api')
  );
}

/** True when the word sequence of `identifier` contains the word sequence of `term` (`first_name` in `customer.first_name`). */
export function containsTerm(identifier: string, term: string): boolean {
  const hay = words(identifier);
  const needle = words(term);
  if (needle.length === 0 || needle.length > hay.length) return false;
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((w, j) => hay[i + j] === w)) return true;
  }
  return false;
}

/** `ProcessPayment` → `process_payment`: the `service.operation` attribute value. */
export function snakeCase(name: string): string {
  return words(name).join('_');
}
