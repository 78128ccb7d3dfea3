// Files larger than this are not audited: generated or bundled code, never worth a span.
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** `5 MB`, `512 KB`, `100 bytes`. */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 * 1024, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}
