#!/usr/bin/env node
// Prepares what the tests need beyond npm packages, idempotently: a Python venv with the pinned test
// requirements, the Go modules of every Go module under examples/ and test/, and the npm packages of the
// TypeScript examples. Runs before `npm test` (pretest) so `npm ci && npm test` works on a fresh machine.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, cwd = root) => {
  process.stderr.write(`setup: ${cmd} ${args.join(' ')}${cwd === root ? '' : `  (in ${cwd.slice(root.length + 1)})`}\n`);
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
};
const has = (cmd, versionArg = '--version') => {
  try {
    execFileSync(cmd, [versionArg], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

function find(dir, name, out = []) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) find(path, name, out);
    else if (entry === name) out.push(path);
  }
  return out;
}

// Python: a venv of our own, never the system site-packages; reinstalled when the requirements change.
const requirements = join(root, 'requirements-dev.txt');
if (existsSync(requirements)) {
  const venv = join(root, '.venv');
  const stamp = join(venv, '.requirements.sha1');
  const digest = createHash('sha1').update(readFileSync(requirements)).digest('hex');
  if (!existsSync(join(venv, 'bin', 'python'))) run('python3', ['-m', 'venv', venv]);
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== digest) {
    run(join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
    writeFileSync(stamp, digest);
  }
}

// Go: download the dependencies of every module that pins them (go.sum), so the tests build without
// fetching mid-run. Fixture modules without go.sum are only audited, never built.
if (has('go', 'version')) {
  for (const dir of ['examples', 'test'].map((d) => join(root, d)).filter(existsSync)) {
    for (const mod of find(dir, 'go.mod')) {
      if (existsSync(join(dirname(mod), 'go.sum'))) run('go', ['mod', 'download'], dirname(mod));
    }
  }
}

// TypeScript examples: their own locked dependencies.
const examples = join(root, 'examples');
if (existsSync(examples)) {
  for (const pkg of find(examples, 'package.json')) {
    const dir = dirname(pkg);
    if (existsSync(join(dir, 'package-lock.json')) && !existsSync(join(dir, 'node_modules'))) {
      run('npm', ['ci', '--no-audit', '--no-fund'], dir);
    }
  }
}
