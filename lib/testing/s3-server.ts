import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { S3Settings } from "@/lib/storage/s3-settings";

export interface LocalS3 {
  settings: S3Settings;
  /** The same settings as the environment variables an operator sets. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts s3rver (lib/testing/s3-server-child.ts) on a free port with a temporary directory. */
export async function startLocalS3(): Promise<LocalS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "switchboard-s3-"));
  const child = spawn(process.execPath, ["--import", "tsx", "lib/testing/s3-server-child.ts", directory], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (data: Buffer) => {
      out += data.toString();
      const match = /^(\d+)\n/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`s3rver exited (${code}) before it listened`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    settings: { bucket: "switchboard-test", endpoint, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }, forcePathStyle: true },
    env: {
      SWITCHBOARD_S3_BUCKET: "switchboard-test",
      SWITCHBOARD_S3_ENDPOINT: endpoint,
      SWITCHBOARD_S3_REGION: "us-east-1",
      SWITCHBOARD_S3_ACCESS_KEY_ID: "S3RVER",
      SWITCHBOARD_S3_SECRET_ACCESS_KEY: "S3RVER",
      SWITCHBOARD_S3_FORCE_PATH_STYLE: "true",
    },
    async stop() {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
