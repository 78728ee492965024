import { open, type FileHandle } from "node:fs/promises";
import { errorCsvHeader, errorCsvRow, escapeCell, type RejectedRow } from "../read/error-csv";
import type { Delimiter } from "../read/parse";
import { truncateTo } from "./storage";

/**
 * A CSV the job appends to batch by batch (the rejected rows, the rows imported with a warning).
 * Its committed length is part of the job's checkpoint: `reopen` cuts off whatever a batch that
 * did not commit had written, so a resumed job never lists a row twice.
 */
export class ResultFile {
  #handle: FileHandle | undefined;
  #bytes = 0;
  #committed = 0;

  private constructor(
    readonly path: string,
    private readonly header: string,
    private readonly row: (r: RejectedRow) => string,
  ) {}

  static errors(path: string, headers: readonly string[], delimiter: Delimiter): ResultFile {
    return new ResultFile(path, errorCsvHeader(headers, { delimiter }), (r) => errorCsvRow(r, { delimiter }));
  }

  static warnings(path: string, headers: readonly string[], delimiter: Delimiter): ResultFile {
    const header = "\uFEFF" + ["line", "warning", ...headers].map(escapeCell).join(delimiter) + "\r\n";
    return new ResultFile(path, header, (r) => errorCsvRow(r, { delimiter }));
  }

  /** Opens the file at its committed length (0: a fresh file, which starts with its header row). */
  async reopen(committed: number): Promise<void> {
    await this.close();
    await truncateTo(this.path, committed);
    this.#handle = await open(this.path, "a");
    this.#bytes = committed;
    this.#committed = committed;
    if (committed === 0) await this.#write(this.header);
    this.#committed = this.#bytes;
  }

  /** Length to record in the checkpoint once the batch that wrote it commits. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Whether anything beyond the header has been written. */
  get hasRows(): boolean {
    return this.#bytes > Buffer.byteLength(this.header);
  }

  async append(rows: readonly RejectedRow[]): Promise<void> {
    if (rows.length === 0) return;
    let text = "";
    for (const r of rows) text += this.row(r);
    await this.#write(text);
    // On disk before the checkpoint that counts these bytes commits.
    await this.#handle!.datasync();
  }

  /** The batch committed: its rows stay. */
  commit(): void {
    this.#committed = this.#bytes;
  }

  /** The batch rolled back: cut its rows off again. */
  async rollback(): Promise<void> {
    if (this.#bytes === this.#committed) return;
    await this.reopen(this.#committed);
  }

  async close(): Promise<void> {
    await this.#handle?.close();
    this.#handle = undefined;
  }

  async #write(text: string): Promise<void> {
    const buffer = Buffer.from(text, "utf8");
    await this.#handle!.write(buffer);
    this.#bytes += buffer.length;
  }
}
