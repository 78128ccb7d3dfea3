// The two report schemas shipped in schemas/, loaded from the package (one level above src/ and dist/)
// and compiled once. Validation stops at the first problem so an error names exactly one place.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

export const REPORT_SCHEMA_FILE = 'otel-audit.schema.json';
export const STRICT_REPORT_SCHEMA_FILE = 'otel-audit.strict.schema.json';

export function reportSchemaUrl(file: string): URL {
  return new URL(`../../schemas/${file}`, import.meta.url);
}

export function loadReportSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(reportSchemaUrl(file), 'utf8')) as Record<string, unknown>;
}

export interface ReportValidators {
  /** The seed's schema with our optional fields: what a saved report must satisfy. */
  base: ValidateFunction;
  /** The closed variant for Codex `--output-schema`; our own output satisfies it too. */
  strict: ValidateFunction;
}

let compiled: ReportValidators | undefined;

export function reportValidators(): ReportValidators {
  if (!compiled) {
    // Union types (`["array", "null"]`) are how both schemas say "optional".
    const ajv = new Ajv2020({ allErrors: false, allowUnionTypes: true });
    compiled = {
      base: ajv.compile(loadReportSchema(REPORT_SCHEMA_FILE)),
      strict: ajv.compile(loadReportSchema(STRICT_REPORT_SCHEMA_FILE)),
    };
  }
  return compiled;
}

/** `/gaps/3/severity must be one of critical, high, medium, low`: a JSON pointer and what was expected. */
export function describeSchemaError(error: ErrorObject): string {
  const at = error.instancePath === '' ? '/' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${error.instancePath}/${String(params.missingProperty)} is required`;
    case 'enum':
      return `${at} must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `${at} must be ${JSON.stringify(params.allowedValue)}`;
    case 'type':
      return `${at} must be ${String(params.type).split(',').join(' or ')}`;
    case 'additionalProperties':
      return `${at} has unexpected property ${String(params.additionalProperty)}`;
    default:
      return `${at} ${error.message ?? 'is invalid'}`;
  }
}
