// A new span that brings failure paths of its own (an except that swallows what the span would see) gets
// their error recording in the same run, so the second run has nothing to do.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../lang/facts.js';
import { mayNeedFollowUp } from './follow-up.js';
import { runInstrument } from './run-instrument.js';
import { instrumentOptions } from './testing/options.js';
import { toolkits } from './toolkits.js';

const SOURCE = `import requests


class DeliveryError(Exception):
    pass


def deliver(url: str) -> None:
    response = requests.post(url, timeout=5)
    if response.status_code >= 500:
        raise DeliveryError(url)


def retry_all(urls: list[str]) -> int:
    """Resend every delivery; count the ones that went out.

    A failed one is left for the next round.
    """
    sent = 0
    for url in urls:
        try:
            requests.post(url, timeout=5).raise_for_status()
        except requests.HTTPError:
            continue
        sent += 1
    return sent
`;

function options(cwd: string) {
  return instrumentOptions(cwd, { validate: false });
}

describe('error recording the new span needs', () => {
  it('is planned with the span, so a second run changes nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'otelwright-follow-up-'));
    writeFileSync(join(root, 'delivery.py'), SOURCE);
    const first = await runInstrument(options(root));
    const retry = first.planned.find((p) => p.function === 'retry_all');
    expect(retry?.gapTypes).toEqual(['missing_span', 'missing_error_recording']);
    expect(retry?.summary).toMatch(/error recorded on line \d+/);
    const text = readFileSync(join(root, 'delivery.py'), 'utf8');
    expect(text).toMatch(
      /except requests\.HTTPError as exc:\n\s+span\.record_exception\(exc\)\n\s+span\.set_status\(/,
    );

    const second = await runInstrument(options(root));
    expect(second.planned).toEqual([]);
    expect(readFileSync(join(root, 'delivery.py'), 'utf8')).toBe(text);
  });
});

describe('mayNeedFollowUp', () => {
  const planned = [{ function: 'load', line: 1, gapTypes: ['missing_span' as const], summary: '' }];
  const factsWith = (text: string) =>
    ({
      language: 'python',
      functions: [{ qualifiedName: 'load', range: { startByte: 0, endByte: text.length } }],
    }) as unknown as FileFacts;

  it('looks only where a newly spanned function can handle a failure itself', () => {
    const handles = toolkits.python?.handlesFailures;
    const catching = 'def load():\n    try:\n        go()\n    except KeyError:\n        pass\n';
    const plain = 'def load():\n    return go()\n';
    expect(mayNeedFollowUp(factsWith(catching), catching, planned, handles)).toBe(true);
    expect(mayNeedFollowUp(factsWith(plain), plain, planned, handles)).toBe(false);
    expect(mayNeedFollowUp(factsWith(catching), catching, [], handles)).toBe(false);
    expect(mayNeedFollowUp(factsWith(catching), catching, planned, undefined)).toBe(false);
  });
});
