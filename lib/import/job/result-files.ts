import { fileStore } from "@/lib/storage";
import { errorCsvHeader, errorCsvRow, escapeCell, type RejectedRow } from "../read/error-csv";
import type { Delimiter } from "../read/parse";

/**
 * A CSV the job appends to batch by batch (the rejected rows, the rows imported with a warning), in
 * the file store: each append is one part of the file. Its committed length is part of the job's
 * checkpoint: `reopen` deletes the parts a batch that did not commit had written, so a resumed job
 * never lists a row twice. The review writes its rejected rows the same way.
 */
export class ResultFile {
  #bytes = 0;
  #committed = 0;

  private constructor(
    readonly key: string,
    private readonly header: string,
    private readonly row: (r: RejectedRow) => string,
  ) {}

  static errors(key: string, headers: readonly string[], delimiter: Delimiter): ResultFile {
    return new ResultFile(key, errorCsvHeader(headers, { delimiter }), (r) => errorCsvRow(r, { delimiter }));
  }

  static warnings(key: string, headers: readonly string[], delimiter: Delimiter): ResultFile {
    const header = "\uFEFF" + ["line", "warning", ...headers].map(escapeCell).join(delimiter) + "\r\n";
    return new ResultFile(key, header, (r) => errorCsvRow(r, { delimiter }));
  }

  /** Opens the file at its committed length (0: a fresh file, which starts with its header row). */
  async reopen(committed: number): Promise<void> {
    await fileStore().truncate(this.key, committed);
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

  /** Stored (committed in the store) before the checkpoint that counts these bytes commits. */
  async append(rows: readonly RejectedRow[]): Promise<void> {
    if (rows.length === 0) return;
    let text = "";
    for (const r of rows) text += this.row(r);
    await this.#write(text);
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

  async #write(text: string): Promise<void> {
    const buffer = Buffer.from(text, "utf8");
    await fileStore().append(this.key, this.#bytes, buffer);
    this.#bytes += buffer.length;
  }
}
