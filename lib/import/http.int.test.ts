import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "@/db/schema";
import { loadSessionUser, type SessionState } from "@/lib/auth/session";
import { executeAction, type ActionDefinition } from "@/lib/safe-action";
import { makeUser } from "@/lib/testing/factories";
import { cancelImportAction, changeDelimiterAction, reviewImportAction, startImportAction } from "./actions";
import { resultFileResponse, statusResponse, templateResponse, uploadResponse } from "./http";
import type { ImportDraft } from "./job/jobs";
import { configureAndQueue, importPhone, loadJob } from "./test-helpers";
import { runImportJob } from "./job/run-job";

let admin: User;
let supervisor: User;
let agent: User;
beforeAll(async () => {
  [admin, supervisor, agent] = await Promise.all([makeUser("admin"), makeUser("supervisor"), makeUser("agent")]);
});

const as = (user: User) => () => loadSessionUser(user.id);
const signedOut = async (): Promise<SessionState> => ({ status: "signed-out" });

function post(body: string | null, name = "contacts.csv", headers: Record<string, string> = {}) {
  return new Request(`http://localhost/api/imports?name=${encodeURIComponent(name)}`, { method: "POST", body, headers: { "content-type": "text/csv", ...headers } });
}

describe("POST /api/imports", () => {
  it("takes a supervisor's upload as a stream and answers 201 with the column preview", async () => {
    const p = importPhone();
    const response = await uploadResponse(post(`First Name;Phone\nAda;${p}\n`, "ada.csv"), as(supervisor));
    expect(response.status).toBe(201);
    const draft = (await response.json()) as ImportDraft;
    expect(draft.preview).toMatchObject({ delimiter: ";", headers: ["First Name", "Phone"], sampleRows: [["Ada", p]], totalRowsExact: true });
    expect(draft.mapping).toEqual(["firstName", "phone"]);
    expect(draft.job).toMatchObject({ fileName: "ada.csv", status: "pending", createdBy: supervisor.name });
  });

  it("refuses an agent (403) and a visitor (401) before reading the body, creating nothing", async () => {
    const forbidden = await uploadResponse(post("Email\na@x.test\n"), as(agent));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: { code: "forbidden", message: "You are not allowed to do that." } });
    expect((await uploadResponse(post("Email\na@x.test\n"), signedOut)).status).toBe(401);
  });

  it("answers 413 for a file over the limit and 422 with the reason for a file it cannot read", async () => {
    const tooBig = await uploadResponse(post("Email\na@x.test\n", "big.csv", { "content-length": String(500 * 1024 * 1024) }), as(admin));
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error).toMatchObject({ code: "payload_too_large", message: expect.stringContaining("larger than 200 MB") });
    const empty = await uploadResponse(post(null), as(admin));
    expect(empty.status).toBe(422);
    expect((await empty.json()).error).toEqual({ code: "invalid_import_file", message: "The file is empty. Upload a CSV file with a header row and at least one row of data." });
    const headerOnly = await uploadResponse(post("Name,Email\n"), as(admin));
    expect((await headerOnly.json()).error).toMatchObject({ message: "The file has a header row but no data rows.", details: { line: 1 } });
  });
});

describe("the other import routes", () => {
  it("template, status and the error file: allowed to supervisors, refused to agents", async () => {
    const template = await templateResponse(as(supervisor));
    expect(template.headers.get("content-disposition")).toContain("switchboard-import-template.csv");
    const bytes = Buffer.from(await template.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    expect(bytes.subarray(3).toString("utf8")).toMatch(/^"Contact ID","First name",/);
    expect((await templateResponse(as(agent))).status).toBe(403);

    const draft = (await (await uploadResponse(post(`Phone\n${importPhone()}\n12\n`, "mixed.csv"), as(admin))).json()) as ImportDraft;
    expect((await statusResponse(draft.job.id, as(agent))).status).toBe(403);
    expect((await resultFileResponse(draft.job.id, "errors", as(agent))).status).toBe(403);
    expect((await statusResponse("00000000-0000-4000-8000-000000000000", as(admin))).status).toBe(404);
    // Before the review there is no error file yet.
    expect((await resultFileResponse(draft.job.id, "errors", as(admin))).status).toBe(404);

    const reviewed = await executeAction(reviewImportAction, as(supervisor), {
      jobId: draft.job.id,
      delimiter: ",",
      mapping: ["phone"],
      options: { defaultCountry: "US", tags: [], existing: "merge" },
    });
    expect(reviewed).toMatchObject({ ok: true, data: { counts: { created: 1, failed: 1 } } });
    const reviewErrors = await resultFileResponse(draft.job.id, "errors", as(supervisor));
    expect(reviewErrors.headers.get("content-disposition")).toContain('filename="mixed-errors.csv"');
    expect(await reviewErrors.text()).toContain('"3","Phone: ""12"" is not a valid phone number for US.');

    await configureAndQueue(admin, draft.job.id, ["phone"]);
    await runImportJob(draft.job.id);
    const status = (await (await statusResponse(draft.job.id, as(supervisor))).json()) as { status: string; createdCount: number; hasErrorFile: boolean };
    expect(status).toMatchObject({ status: "completed", createdCount: 1, hasErrorFile: true });
    expect(await (await resultFileResponse(draft.job.id, "errors", as(supervisor))).text()).toContain('"3","Phone: ""12""');
  });
});

describe("the wizard's server actions", () => {
  it("are refused to an agent, each one, changing nothing", async () => {
    const draft = (await (await uploadResponse(post(`Phone\n${importPhone()}\n`), as(admin))).json()) as ImportDraft;
    const jobId = draft.job.id;
    const settings = { jobId, mapping: ["phone"], options: { defaultCountry: "US", tags: [], existing: "merge" } };
    const cases: [ActionDefinition, object][] = [
      [reviewImportAction, settings],
      [changeDelimiterAction, { jobId, delimiter: ";" }],
      [startImportAction, { jobId }],
      [cancelImportAction, { jobId }],
    ];
    for (const [action, input] of cases) {
      expect(await executeAction(action, as(agent), input)).toEqual({ ok: false, message: "You are not allowed to do that." });
    }
    expect(await loadJob(jobId)).toMatchObject({ status: "pending", delimiter: ",", totalRows: null });
  });

  it("a supervisor changes the delimiter (the file is read again) and cancels an import that has not started", async () => {
    const draft = (await (await uploadResponse(post(`Name;Phone\nAda;${importPhone()}\n`, "semi.csv"), as(admin))).json()) as ImportDraft;
    const asComma = await executeAction(changeDelimiterAction, as(supervisor), { jobId: draft.job.id, delimiter: "," });
    expect(asComma).toMatchObject({ ok: true, data: { preview: { delimiter: ",", headers: ["Name;Phone"] } } });
    const cancelled = await executeAction(cancelImportAction, as(supervisor), { jobId: draft.job.id });
    expect(cancelled).toMatchObject({ ok: true, message: "Import cancelled.", data: { status: "cancelled" } });
    expect(await executeAction(startImportAction, as(supervisor), { jobId: draft.job.id })).toEqual({ ok: false, message: "This import has already been started." });
  });
});
