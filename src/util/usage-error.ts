/** A mistake the user can fix (bad flag, missing path, malformed file); the message says how. Exit code 2. */
export class UsageError extends Error {}
