/** Exit codes, documented in `otelwright --help` and docs/cli.md. */
export const EXIT = {
  ok: 0,
  /** The gate failed, or `audit --fail-on` found gaps at or above the level. */
  failed: 1,
  /** Bad flags, missing paths, malformed config or report, unknown git ref. */
  usage: 2,
  /** A bug in otelwright. */
  internal: 3,
} as const;

export { UsageError } from '../util/usage-error.js';
