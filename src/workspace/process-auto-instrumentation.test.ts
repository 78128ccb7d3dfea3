import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, removeTree } from './__fixtures__/tree.js';
import {
  findProcessAutoInstrumentation,
  isLaunchFile,
  scanLaunchFile,
} from './process-auto-instrumentation.js';

const python = (file: string, line: number, library = 'opentelemetry-instrument') => ({
  language: 'python',
  library,
  file,
  line,
});
const node = (file: string, line: number, library = 'auto-instrumentations-node') => ({
  language: 'typescript',
  library,
  file,
  line,
});

describe('scanLaunchFile', () => {
  it('finds opentelemetry-instrument as a command, not as part of a package name', () => {
    const dockerfile = [
      'FROM python:3.12-slim',
      'RUN pip install opentelemetry-distro opentelemetry-instrumentation-flask',
      'RUN opentelemetry-bootstrap -a install',
      '# CMD opentelemetry-instrument python old.py',
      'CMD ["opentelemetry-instrument", "gunicorn", "app:app"]',
    ].join('\n');
    expect(scanLaunchFile('Dockerfile', dockerfile)).toEqual([python('Dockerfile', 5)]);
    expect(scanLaunchFile('Procfile', 'web: opentelemetry-instrument uvicorn app.main:app\n')).toEqual([
      python('Procfile', 1),
    ]);
    expect(scanLaunchFile('run.sh', 'exec opentelemetry-instrument\tpython -m app\n')).toEqual([
      python('run.sh', 1),
    ]);
    expect(
      scanLaunchFile('pyproject.toml', '[tool.poe.tasks]\nserve = "opentelemetry-instrument flask run"\n'),
    ).toEqual([python('pyproject.toml', 2)]);
  });

  it('finds the Node register preload in scripts, NODE_OPTIONS and compose files', () => {
    const pkg = [
      '{',
      '  "scripts": {',
      '    "start": "node --require @opentelemetry/auto-instrumentations-node/register dist/server.js",',
      '    "start:esm": "node --import=@opentelemetry/auto-instrumentations-node/register server.mjs",',
      '    "dev": "tsx watch src/index.ts"',
      '  },',
      '  "dependencies": { "@opentelemetry/auto-instrumentations-node": "^0.50.0" }',
      '}',
    ].join('\n');
    expect(scanLaunchFile('package.json', pkg)).toEqual([node('package.json', 3), node('package.json', 4)]);
    expect(
      scanLaunchFile(
        'Dockerfile',
        'ENV NODE_OPTIONS="-r @opentelemetry/auto-instrumentations-node/register"\n',
      ),
    ).toEqual([node('Dockerfile', 1)]);
    const compose =
      'services:\n  api:\n    environment:\n      - NODE_OPTIONS=--require @opentelemetry/auto-instrumentations-node/register\n';
    expect(scanLaunchFile('compose.yaml', compose)).toEqual([node('compose.yaml', 4)]);
    expect(
      scanLaunchFile('.env', 'NODE_OPTIONS=--require @opentelemetry/auto-instrumentations-node/register\n'),
    ).toEqual([node('.env', 1)]);
  });

  it('finds the OpenTelemetry Operator injection annotations, unless set to false', () => {
    const manifest = [
      'metadata:',
      '  annotations:',
      '    instrumentation.opentelemetry.io/inject-python: "true"',
      '    instrumentation.opentelemetry.io/inject-nodejs: "false"',
    ].join('\n');
    expect(scanLaunchFile('k8s/deploy.yaml', manifest)).toEqual([
      python('k8s/deploy.yaml', 3, 'opentelemetry-operator'),
    ]);
  });
});

describe('isLaunchFile', () => {
  it.each([
    'Dockerfile',
    'Dockerfile.prod',
    'api.dockerfile',
    'Procfile',
    'start.sh',
    'Makefile',
    'docker-compose.override.yml',
    'compose.yaml',
    'pyproject.toml',
    'supervisord.conf',
    'package.json',
    '.env',
    '.env.production',
    'prod.env',
  ])('%s is read', (name) => expect(isLaunchFile(name)).toBe(true));
  it.each(['main.py', 'index.ts', 'README.md', 'go.mod', 'setup.cfg'])('%s is not', (name) =>
    expect(isLaunchFile(name)).toBe(false),
  );
});

describe('findProcessAutoInstrumentation', () => {
  const dir = makeTree({
    'api/Dockerfile': 'CMD opentelemetry-instrument python -m api\n',
    'web/package.json':
      '{"scripts": {"start": "node -r @opentelemetry/auto-instrumentations-node/register ."}}\n',
    'web/node_modules/x/package.json':
      '{"scripts": {"start": "node -r @opentelemetry/auto-instrumentations-node/register ."}}\n',
    'api/app.py': 'import os  # opentelemetry-instrument is not read from code\n',
    'data/huge.yaml': `x: 1\n${'#'.repeat(300 * 1024)}\nopentelemetry-instrument\n`,
  });
  afterAll(() => removeTree(dir));

  it('scans launch files under the paths, skipping dependencies and big files', () => {
    expect(findProcessAutoInstrumentation(['.'], dir)).toEqual([
      python('api/Dockerfile', 1),
      node('web/package.json', 1),
    ]);
  });
});
