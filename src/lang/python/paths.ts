// What a file's path says: whether this adapter claims it, whether it is a test, whether it is private.
import type { Language } from '../facts.js';

export function languageOf(path: string): Language | null {
  return path.endsWith('.py') ? 'python' : null;
}

/** pytest's discovery patterns (`test_*.py`, `*_test.py`), its `conftest.py`, and files under `tests/`. */
export function isTestFile(path: string): boolean {
  if (/(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/.test(path)) return true;
  return path
    .split('/')
    .slice(0, -1)
    .some((segment) => segment === 'tests' || segment === 'test');
}

/** A `_private` package or module anywhere in the path (`app/_internal/db.py`, `app/_helpers.py`). */
export function isPrivateModule(path: string): boolean {
  return path
    .replace(/\.py$/, '')
    .split('/')
    .some((segment) => segment.startsWith('_') && !/^__\w+__$/.test(segment));
}
