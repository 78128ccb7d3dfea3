// gofmt over the planned text, through stdin: the file is written once, already formatted.
import { FormatError, type Formatter } from '../../../instrument/types.js';
import { gofmtBinary, run } from './go-tool.js';

export const goFormatter: Formatter = {
  format(_absPath, text) {
    const gofmt = gofmtBinary();
    // Without Go the validator reports the missing toolchain; the planned text is already laid out as gofmt would.
    if (gofmt === null) return { text, command: null };
    const out = run(gofmt, [], { input: text });
    if (out.status !== 0) {
      // gofmt names the input `<standard input>`; the pipeline knows which file it was.
      throw new FormatError(
        `gofmt rejected the instrumented text: ${out.stderr.trim().replace(/<standard input>/g, 'line')}`,
      );
    }
    return { text: out.stdout, command: 'gofmt' };
  },
};
