// Which files may create the queues and pools the standards ask to observe (`metrics.gauges[]`): those
// whose text mentions the source's last name. The language's gauge planner then decides whether the
// file really assigns it; a gauge no file assigns is reported, never silently dropped.
import type { GaugeSpec, SkippedGap } from './types.js';

/**
 * The identifier a file must mention to possibly create the source: its last name (`s.jobs` → `jobs`),
 * or for a source read through calls, what the first call is made on (`pool.Stat().AcquiredConns()` →
 * `pool`, `q.qsize()` → `q`).
 */
export function sourceName(source: string): string {
  const call = source.indexOf('(');
  const parts = (call >= 0 ? source.slice(0, call) : source).split('.').map((p) => p.trim());
  if (call >= 0) parts.pop();
  return parts[parts.length - 1] ?? '';
}

const wordPattern = (name: string) =>
  new RegExp(`(^|[^\\p{L}\\p{Nd}_$])${name.replace(/[$]/g, '\\$')}($|[^\\p{L}\\p{Nd}_$])`, 'u');

/** The gauges whose source `text` mentions. */
export function gaugesMentioned(text: string, gauges: readonly GaugeSpec[]): GaugeSpec[] {
  return gauges.filter((g) => {
    const name = sourceName(g.source);
    return name.length > 0 && text.includes(name) && wordPattern(name).test(text);
  });
}

/** One entry per configured gauge that no planner planned or skipped. */
export function unassignedGauges(
  gauges: readonly GaugeSpec[],
  accounted: ReadonlySet<string>,
  standardsFile: string,
): (SkippedGap & { file: string })[] {
  return gauges
    .filter((g) => !accounted.has(g.name))
    .map((g) => ({
      file: standardsFile,
      function: `metrics.gauges[${gauges.indexOf(g)}]`,
      line: 0,
      gapType: 'missing_metric' as const,
      gauge: g.name,
      reason: `no audited file creates ${g.source} (an assignment such as \`${g.source} = ...\` or a constructor setting it): check metrics.gauges[].source, or the paths given`,
    }));
}
