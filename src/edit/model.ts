// Edits are data: planners (pure) produce them, one place applies them. Offsets are string indices into
// the file's text as read (BOM stripped, line endings as they are).

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface FileEdits {
  /** Absolute path. */
  path: string;
  edits: TextEdit[];
}

export class EditConflictError extends Error {
  constructor(
    readonly path: string,
    readonly a: TextEdit,
    readonly b: TextEdit,
  ) {
    super(`${path}: overlapping edits at ${a.start}-${a.end} and ${b.start}-${b.end}`);
  }
}
