import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultStandards } from './defaults.js';
import { StandardsError } from './errors.js';
import { loadStandards, parseStandards } from './load.js';

function errorOf(yaml: string): StandardsError {
  try {
    parseStandards(yaml, 'otelwright.yaml');
  } catch (error) {
    if (error instanceof StandardsError) return error;
    throw error;
  }
  throw new Error('expected a StandardsError');
}

describe('loadStandards: finding the file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'otw-standards-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the defaults when no file exists up to the git top level', () => {
    mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
    mkdirSync(join(dir, 'repo', 'svc'));
    // Above the repository: must not be picked up.
    writeFileSync(join(dir, 'otelwright.yaml'), 'version: 1\nrules: { OTW101: off }\n');
    const { standards, source } = loadStandards(null, join(dir, 'repo', 'svc'));
    expect(source).toBeNull();
    expect(standards).toEqual(defaultStandards());
  });

  it('finds the nearest file in a parent directory', () => {
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, '.otelwright.yaml'), 'tracing:\n  span_name_template: "{service}.{function}"\n');
    const { standards, source } = loadStandards(null, join(dir, 'a', 'b'));
    expect(source).toBe(join(dir, '.otelwright.yaml'));
    expect(standards.tracing.span_name_template).toBe('{service}.{function}');
  });

  it('refuses two standards files in one directory', () => {
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'otelwright.yaml'), 'version: 1\n');
    writeFileSync(join(dir, 'otelwright.yml'), 'version: 1\n');
    expect(() => loadStandards(null, dir)).toThrow(
      /found 2 standards files .*\(otelwright\.yaml, otelwright\.yml\): keep one/,
    );
  });

  it('throws a StandardsError for a given path that does not exist', () => {
    expect(() => loadStandards('nope.yaml', dir)).toThrow(StandardsError);
    expect(() => loadStandards('nope.yaml', dir)).toThrow(/^nope\.yaml: no such file/);
  });

  it('names the file relative to cwd in messages', () => {
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'team.yaml'), 'version: 2\n');
    expect(() => loadStandards('conf/team.yaml', dir)).toThrow('conf/team.yaml:1: version must be 1 (got 2)');
  });
});

describe('parseStandards: error messages', () => {
  it('suggests the known key for a typo, and lists the allowed ones', () => {
    const yaml = [
      'version: 1',
      'service:',
      '  name: checkout',
      'tracing:',
      '  span_name_template: "{package}.{function}"',
      '  error_policy:',
      '    record_exeption: true',
    ].join('\n');
    expect(errorOf(yaml).message).toBe(
      'otelwright.yaml:7: tracing.error_policy.record_exeption is not a known key (did you mean record_exception? allowed: record_exception, set_status, error_type_attribute)',
    );
  });

  it('points at the wrong item of a flow list', () => {
    const error = errorOf('version: 1\nscore:\n  count_severities: [high, urgent]\n');
    expect(error.message).toBe(
      'otelwright.yaml:3: score.count_severities[1] must be one of critical, high, medium, low (got "urgent")',
    );
    expect(error.keyPath).toBe('score.count_severities[1]');
    expect(error.line).toBe(3);
  });

  it('reports every problem, in line order', () => {
    const yaml =
      'score:\n  weights:\n    high: 0\n    low: -1\ntracing:\n  helpers:\n    min_statements: 1.5\nmetrix: {}\n';
    expect(errorOf(yaml).message.split('\n')).toEqual([
      'otelwright.yaml:3: score.weights.high must be greater than 0 (got 0)',
      'otelwright.yaml:4: score.weights.low must be greater than 0 (got -1)',
      'otelwright.yaml:7: tracing.helpers.min_statements must be a whole number (got 1.5)',
      'otelwright.yaml:8: metrix is not a known key (did you mean metrics? allowed: version, service, tracing, metrics, pii, score, rules, include, exclude)',
    ]);
  });

  it('gives line and column for malformed YAML', () => {
    const error = errorOf('tracing:\n  span_name_template: [a, b\nmetrics: {}\n');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^otelwright\.yaml:3:1: not valid YAML: /);
  });

  it('rejects a repeated key', () => {
    expect(errorOf('version: 1\nversion: 1\n').message).toMatch(
      /^otelwright\.yaml:2:1: not valid YAML: Map keys must be unique/,
    );
  });

  it('rejects a file that is not a mapping', () => {
    expect(errorOf('- tracing\n').message).toBe(
      'otelwright.yaml:1: the file must be a mapping of keys such as tracing: and metrics: (got a list)',
    );
  });

  it('explains that yes/no are text in YAML 1.2', () => {
    expect(errorOf('metrics:\n  require_handler_metrics: yes\n').message).toBe(
      'otelwright.yaml:2: metrics.require_handler_metrics must be true or false (got "yes"; YAML 1.2 reads yes as text: write true or false)',
    );
  });

  it('names a missing required key of a list item', () => {
    expect(errorOf('metrics:\n  gauges:\n    - name: queue_depth\n').message).toBe(
      'otelwright.yaml:3: metrics.gauges[0].source is required (metrics.gauges[0] needs name and source)',
    );
  });

  it('checks rule keys and rule values', () => {
    const yaml = [
      'rules:',
      '  OTW1: off',
      '  span-in-loop: disabled',
      '  OTW104: { severity: urgent }',
      '  OTW105: { enabled: no }',
      '  otw106: off',
      '  span_in_loop: off',
    ].join('\n');
    expect(errorOf(yaml).message.split('\n')).toEqual([
      'otelwright.yaml:2: rules.OTW1 is not a rule id or name (use an id like OTW101 or a kebab-case name like span-in-loop)',
      'otelwright.yaml:3: rules.span-in-loop must be off, on, true, false or a mapping with keys enabled, severity (got "disabled")',
      'otelwright.yaml:4: rules.OTW104.severity must be one of critical, high, medium, low, null (got "urgent")',
      'otelwright.yaml:5: rules.OTW105.enabled must be true or false (got "no"; YAML 1.2 reads no as text: write true or false)',
      'otelwright.yaml:6: rules.otw106 is not a rule id or name (did you mean OTW106? use an id like OTW101 or a kebab-case name like span-in-loop)',
      'otelwright.yaml:7: rules.span_in_loop is not a rule id or name (did you mean span-in-loop? use an id like OTW101 or a kebab-case name like span-in-loop)',
    ]);
  });

  it('checks the placeholders of the name templates', () => {
    const yaml =
      'tracing:\n  span_name_template: "{pakage}.{function}"\nmetrics:\n  name_template: "{service}.requests"\n';
    expect(errorOf(yaml).message.split('\n')).toEqual([
      'otelwright.yaml:2: tracing.span_name_template uses unknown placeholder {pakage} (did you mean {package}? allowed: {package}, {type}, {function}, {service})',
      'otelwright.yaml:4: metrics.name_template must contain {metric} (got "{service}.requests"; allowed: {service}, {subsystem}, {metric})',
    ]);
  });

  it('requires {function} in span names and balanced braces', () => {
    expect(errorOf('tracing:\n  span_name_template: "{package}.op}"\n').message.split('\n')).toEqual([
      'otelwright.yaml:2: tracing.span_name_template has an unmatched { or } (got "{package}.op}")',
      'otelwright.yaml:2: tracing.span_name_template must contain {function} (got "{package}.op}"; allowed: {package}, {type}, {function}, {service})',
    ]);
  });

  it('rejects an attribute required twice', () => {
    const yaml =
      'tracing:\n  required_attributes:\n    - service.operation\n    - { name: service.operation, when: id_parameter }\n';
    expect(errorOf(yaml).message).toBe(
      'otelwright.yaml:4: tracing.required_attributes[1] repeats "service.operation" (already at [0])',
    );
  });

  it('rejects a repeated severity', () => {
    expect(errorOf('score:\n  count_severities:\n    - high\n    - low\n    - high\n').message).toBe(
      'otelwright.yaml:5: score.count_severities[2] repeats "high" (already at [0])',
    );
  });

  it('describes a required attribute of the wrong shape', () => {
    expect(
      errorOf('tracing:\n  required_attributes: [42, "", { name: x, when: sometimes }]\n').message.split(
        '\n',
      ),
    ).toEqual([
      'otelwright.yaml:2: tracing.required_attributes[0] must be a string or a mapping with keys name, when (got 42)',
      'otelwright.yaml:2: tracing.required_attributes[1] must not be empty',
      'otelwright.yaml:2: tracing.required_attributes[2].when must be one of always, id_parameter (got "sometimes")',
    ]);
  });
});

describe('parseStandards: merging over the defaults', () => {
  it('gives the defaults for an empty or comment-only file', () => {
    expect(parseStandards('', 'x.yaml')).toEqual(defaultStandards());
    expect(parseStandards('# nothing yet\n', 'x.yaml')).toEqual(defaultStandards());
  });

  it('merges mappings key by key, replaces lists, and keeps defaults for an empty section', () => {
    const standards = parseStandards(
      [
        'service: { name: checkout }',
        'tracing:',
        '  error_policy: { record_exception: false }',
        '  outcome_attribute: null',
        'metrics:',
        'pii:',
        '  deny: [email]',
        'include: ["services/**"]',
      ].join('\n'),
      'x.yaml',
    );
    const defaults = defaultStandards();
    expect(standards.service).toEqual({ ...defaults.service, name: 'checkout' });
    expect(standards.tracing.error_policy).toEqual({
      record_exception: false,
      set_status: true,
      error_type_attribute: false,
    });
    expect(standards.tracing.outcome_attribute).toBeNull();
    expect(standards.tracing.span_name_template).toBe(defaults.tracing.span_name_template);
    expect(standards.metrics).toEqual(defaults.metrics);
    expect(standards.pii).toEqual({ deny: ['email'], allow: defaults.pii.allow });
    expect(standards.include).toEqual(['services/**']);
  });

  it('normalises rule switches and attribute shorthands', () => {
    const standards = parseStandards(
      [
        'rules:',
        '  OTW101: off',
        '  OTW102: on',
        '  OTW103: false',
        '  span-in-loop: true',
        '  OTW104: { severity: critical }',
        '  OTW105: { enabled: false }',
        'tracing:',
        '  required_attributes:',
        '    - service.operation',
        '    - { name: tenant.id }',
        '    - { name: business.entity_id, when: id_parameter }',
      ].join('\n'),
      'x.yaml',
    );
    expect(standards.rules).toEqual({
      OTW101: { enabled: false, severity: null },
      OTW102: { enabled: true, severity: null },
      OTW103: { enabled: false, severity: null },
      'span-in-loop': { enabled: true, severity: null },
      OTW104: { enabled: true, severity: 'critical' },
      OTW105: { enabled: false, severity: null },
    });
    expect(standards.tracing.required_attributes).toEqual([
      { name: 'service.operation', when: 'always' },
      { name: 'tenant.id', when: 'always' },
      { name: 'business.entity_id', when: 'id_parameter' },
    ]);
  });

  it('does not share state between calls', () => {
    parseStandards('pii:\n  allow: [user.email]\n', 'x.yaml');
    expect(parseStandards('', 'x.yaml').pii.allow).toEqual(defaultStandards().pii.allow);
  });
});
