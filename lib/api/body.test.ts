import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_BODY_BYTES, readJsonBody } from "./body";

const schema = z.object({ first_name: z.string().min(1, "Enter a first name.") });
const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://localhost/api/v1/x", { method: "POST", body, headers });

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { status: number; code: string; fieldErrors?: Record<string, string[]> };
  }
  throw new Error("expected a refusal");
}

describe("readJsonBody", () => {
  it("reads and validates a JSON body", async () => {
    expect(await readJsonBody(post(JSON.stringify({ first_name: "Ada" })), schema)).toEqual({ first_name: "Ada" });
    expect(await readJsonBody(post("{\"first_name\":\"Ada\"}", { "content-type": "application/merge-patch+json; charset=utf-8" }), schema)).toEqual({ first_name: "Ada" });
  });

  it("answers 415 to a body that is not JSON, 400 to broken JSON, 422 with field errors to a wrong shape", async () => {
    expect(await refusal(readJsonBody(post("first_name=Ada", { "content-type": "application/x-www-form-urlencoded" }), schema))).toMatchObject({ status: 415, code: "unsupported_media_type" });
    expect(await refusal(readJsonBody(post("{}", {}), schema))).toMatchObject({ status: 415 });
    expect(await refusal(readJsonBody(post("{\"first_name\":"), schema))).toMatchObject({ status: 400, code: "bad_request" });
    expect(await refusal(readJsonBody(post(JSON.stringify({ first_name: "" })), schema))).toMatchObject({ status: 422, fieldErrors: { first_name: ["Enter a first name."] } });
  });

  it("answers 413 past 5 MB, by the declared length or by what actually arrives", async () => {
    const big = JSON.stringify({ first_name: "x".repeat(MAX_BODY_BYTES) });
    expect(await refusal(readJsonBody(post(big), schema))).toMatchObject({ status: 413, code: "payload_too_large" });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 6; i++) controller.enqueue(new Uint8Array(1024 * 1024).fill(32));
        controller.close();
      },
    });
    const streamed = new Request("http://localhost/api/v1/x", { method: "POST", body: stream, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    expect(await refusal(readJsonBody(streamed, schema))).toMatchObject({ status: 413 });
  });
});
