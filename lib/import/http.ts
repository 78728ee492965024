import { Readable } from "node:stream";
import { userActor, type Actor } from "@/lib/audit";
import { NotFoundError } from "@/lib/errors";
import { fileStore } from "@/lib/storage";
import { guardedRoute, type SessionSource } from "@/lib/http-errors";
import { createImportJob } from "./job/create-job";
import { FINISHED_STATUSES, getImportJob, loadAttributes } from "./job/jobs";
import { importFileKey } from "./job/files";
import { templateCsv } from "./map/template";

/**
 * The import's route handlers, as functions of the request and a session getter (the app passes
 * next-auth's; tests pass their own). Every one requires contacts.import; errors go through the
 * one HTTP error mapping (lib/http-errors.ts).
 */

function guarded(session: SessionSource, work: (actor: Actor & { id: number }) => Promise<Response>): Promise<Response> {
  return guardedRoute(session, "contacts.import", (user) => work({ ...userActor(user), id: user.id }));
}

/**
 * POST /api/imports?name=<file name> with the file as the raw body: streamed to the file store, previewed,
 * recorded as a pending job. 201 with the Map columns step's data.
 */
export function uploadResponse(request: Request, session: SessionSource): Promise<Response> {
  return guarded(session, async (actor) => {
    const name = new URL(request.url).searchParams.get("name") ?? "import.csv";
    const declared = request.headers.get("content-length");
    const draft = await createImportJob(
      {
        // An empty file arrives without a body: it is refused like any other empty file.
        body: (request.body ?? (async function* () {})()) as unknown as AsyncIterable<Uint8Array>,
        fileName: name,
        contentLength: declared === null ? null : Number(declared),
      },
      actor,
    );
    return Response.json(draft, { status: 201 });
  });
}

/** GET /api/imports/:id — the job's progress and counts (the wizard polls it). */
export function statusResponse(id: string, session: SessionSource): Promise<Response> {
  return guarded(session, async () => Response.json((await getImportJob(id)).view, { headers: { "cache-control": "no-store" } }));
}

/** GET /api/imports/template — a header row of every importable field and custom attribute. */
export function templateResponse(session: SessionSource): Promise<Response> {
  return guarded(session, async () => csvResponse(templateCsv(await loadAttributes()), "switchboard-import-template.csv"));
}

/**
 * GET /api/imports/:id/errors (or /warnings) — the rows as a CSV to fix and upload again: the
 * job's own file once it has run, the review's before.
 */
export function resultFileResponse(id: string, kind: "errors" | "warnings", session: SessionSource): Promise<Response> {
  return guarded(session, async () => {
    const { job } = await getImportJob(id);
    const ran = FINISHED_STATUSES.includes(job.status) || job.status === "running";
    const key = kind === "warnings" ? job.warningFilePath : ran ? job.errorFilePath : importFileKey(job.id, "review-errors");
    if (!key) throw new NotFoundError(kind === "warnings" ? "This import has no warnings." : "This import has no rejected rows.");
    if ((await fileStore().size(key)) === null) {
      throw new NotFoundError(kind === "warnings" ? "This import has no warnings." : "Review the import first: the rejected rows are listed then.");
    }
    const base = job.fileName.replace(/\.csv$/i, "");
    const stream = Readable.toWeb(Readable.from(fileStore().read(key))) as unknown as ReadableStream<Uint8Array>;
    return csvResponse(stream, `${base}-${kind}.csv`);
  });
}

function csvResponse(body: string | ReadableStream<Uint8Array>, fileName: string): Response {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "cache-control": "no-store",
    },
  });
}
