// The one error every importer raises: it names the file, the line and the field at fault.

export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${field}: ${detail}`);
    this.name = 'ImportError';
  }
}
