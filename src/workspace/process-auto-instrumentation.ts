// Auto-instrumentation configured where the program is started rather than in its code: the
// `opentelemetry-instrument` wrapper for Python, the `@opentelemetry/auto-instrumentations-node/register`
// preload for Node, and the OpenTelemetry Operator's Kubernetes injection annotations. Adapters cannot
// see these, yet they create the server spans the audit would otherwise ask for.

import { readSource } from './read.js';
import { walkFiles } from './walk.js';

export interface ProcessAutoInstrumentation {
  language: 'python' | 'typescript';
  /** Same names as FileFacts.autoInstrumentation: `opentelemetry-instrument`, `auto-instrumentations-node`, `opentelemetry-operator`. */
  library: string;
  /** Relative to the audit root, POSIX separators. */
  file: string;
  line: number;
}

/** Launch and deployment files worth reading; code files are the adapters' job. */
const LAUNCH_FILE = [
  /^(Dockerfile|Containerfile)([.-].*)?$/,
  /\.(dockerfile|containerfile)$/i,
  /^Procfile(\..*)?$/,
  /\.(sh|bash)$/,
  /^(GNUmakefile|[Mm]akefile)$/,
  /\.mk$/,
  /^pyproject\.toml$/,
  /^supervisord.*\.conf$/,
  /^package\.json$/,
  /^\.env(\..*)?$/,
  /\.env$/,
  // Compose files, Kubernetes manifests and Helm templates (the Operator's injection annotations).
  /\.ya?ml$/,
];

/** Launch files are small; anything bigger is data, not configuration. */
const MAX_LAUNCH_FILE_BYTES = 256 * 1024;

export function isLaunchFile(name: string): boolean {
  return LAUNCH_FILE.some((pattern) => pattern.test(name));
}

interface Detector {
  language: ProcessAutoInstrumentation['language'];
  library: string;
  pattern: RegExp;
}

const DETECTORS: readonly Detector[] = [
  // The command word itself: not `opentelemetry-instrumentation-flask` in a pip install line.
  {
    language: 'python',
    library: 'opentelemetry-instrument',
    pattern: /(^|[\s"'`=[,;&|(])opentelemetry-instrument(?=$|[\s"',\]);&|])/,
  },
  {
    language: 'typescript',
    library: 'auto-instrumentations-node',
    // node -r/--require/--import, NODE_OPTIONS="--require ...", with a space or `=` before the module.
    pattern:
      /(^|[\s"'=])(-r|--require|--import)(\s+|=)["']?@opentelemetry\/auto-instrumentations-node\/register/,
  },
  {
    language: 'python',
    library: 'opentelemetry-operator',
    pattern: /instrumentation\.opentelemetry\.io\/inject-python["']?\s*:\s*["']?(?!false)[^\s"']/,
  },
  {
    language: 'typescript',
    library: 'opentelemetry-operator',
    pattern: /instrumentation\.opentelemetry\.io\/inject-nodejs["']?\s*:\s*["']?(?!false)[^\s"']/,
  },
];

/** Comment lines in shell, Dockerfile, Makefile, YAML, TOML, .env and INI syntax. */
const COMMENT = /^\s*[#;]/;

/** Auto-instrumentation set up in one launch file's text. */
export function scanLaunchFile(file: string, text: string): ProcessAutoInstrumentation[] {
  const found: ProcessAutoInstrumentation[] = [];
  text.split('\n').forEach((line, index) => {
    if (COMMENT.test(line)) return;
    for (const { language, library, pattern } of DETECTORS) {
      if (pattern.test(line)) found.push({ language, library, file, line: index + 1 });
    }
  });
  return found;
}

/** Auto-instrumentation configured outside the code under `paths` (relative to cwd), in file order. */
export function findProcessAutoInstrumentation(
  paths: readonly string[],
  cwd: string,
): ProcessAutoInstrumentation[] {
  return walkFiles(paths, cwd, isLaunchFile).files.flatMap((file) => {
    const read = readSource(file.absPath, file.size, MAX_LAUNCH_FILE_BYTES);
    return 'text' in read ? scanLaunchFile(file.path, read.text) : [];
  });
}
