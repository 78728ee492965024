import { DomainError } from "@/lib/errors";

/**
 * A file the import cannot read at all (encoding, empty, broken header, unclosed quote). The whole
 * upload is refused with this message; problems of single rows are reported per row instead.
 */
export class ImportFileError extends DomainError {
  constructor(
    message: string,
    /** The 1-based line of the file the problem is on, when there is one. */
    readonly line?: number,
  ) {
    super(message, "invalid_import_file", 422, undefined, line === undefined ? undefined : { line });
  }
}
