// One entry point for the CLI: a report and a format in, the text to write out.
import type { Report } from '../audit/model.js';
import type { RuleMeta } from '../audit/rule.js';
import { toJson } from './json.js';
import { toMarkdown } from './markdown.js';
import { toSarif } from './sarif.js';
import { toText } from './text.js';

export { parseReport, toJson } from './json.js';
export { toMarkdown } from './markdown.js';
export { toSarif } from './sarif.js';
export { toText } from './text.js';

export type ReportFormat = 'json' | 'sarif' | 'markdown' | 'text';

export interface RenderOptions {
  /** The rule registry, for SARIF's rule descriptors. */
  rules: readonly RuleMeta[];
  toolVersion: string;
  /** ANSI colours in the text format. */
  color?: boolean;
  /** Terminal columns for the text format. */
  width?: number;
  /** Rows in the Markdown worst-gaps table. */
  maxGaps?: number;
  /** SARIF `tool.driver.informationUri`. */
  informationUri?: string;
  /** The audit root's path inside the repository, for SARIF uris (see SarifOptions.uriPrefix). */
  uriPrefix?: string;
}

export function renderReport(report: Report, format: ReportFormat, opts: RenderOptions): string {
  switch (format) {
    case 'json':
      return toJson(report);
    case 'sarif':
      return toSarif(report, opts.rules, {
        toolVersion: opts.toolVersion,
        ...(opts.informationUri === undefined ? {} : { informationUri: opts.informationUri }),
        ...(opts.uriPrefix === undefined ? {} : { uriPrefix: opts.uriPrefix }),
      });
    case 'markdown':
      return toMarkdown(report, opts.maxGaps === undefined ? {} : { maxGaps: opts.maxGaps });
    case 'text':
      return toText(report, {
        color: opts.color ?? false,
        ...(opts.width === undefined ? {} : { width: opts.width }),
      });
  }
}
