import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { csvRecords, recordNames, scrubFile, type PersonNeedles } from "./import-files";

const needles: PersonNeedles = { emails: ["ada@example.com"], phoneDigits: ["13195554929"], exact: ["C-ADA1"] };

describe("csvRecords", () => {
  it("splits at line ends outside quotes, keeping each record's own line ending", () => {
    expect(csvRecords('a,b\r\n"x\r\ny",z\nlast')).toEqual(["a,b\r\n", '"x\r\ny",z\n', "last"]);
  });
});

describe("recordNames", () => {
  it("finds the person by e-mail (any case), by a number however typed, by an exact id", () => {
    expect(recordNames("3,Ada,ADA@Example.com\r\n", needles)).toBe(true);
    expect(recordNames('4,Ada,"(319) 555-4929"\r\n', needles)).toBe(true);
    expect(recordNames("5,'+13195554929\r\n", needles)).toBe(true);
    expect(recordNames("6,C-ADA1\r\n", needles)).toBe(true);
  });

  it("leaves other people's rows alone, a short number among them", () => {
    expect(recordNames("7,Grace,grace@example.com,+13195550000\r\n", needles)).toBe(false);
    expect(recordNames("8,Ada,,12\r\n", needles)).toBe(false);
  });
});

describe("scrubFile", () => {
  it("rewrites the file without the person's records, header and others kept; a file without them is left as is", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "scrub-"));
    try {
      const file = path.join(dir, "job.errors.csv");
      await writeFile(file, '\uFEFFline,error,Name,Email\r\n2,Bad phone,"Ada\r\nL",ada@example.com\r\n3,Bad phone,Grace,grace@example.com\r\n');
      expect(await scrubFile(file, needles)).toBe(1);
      expect(await readFile(file, "utf8")).toBe("\uFEFFline,error,Name,Email\r\n3,Bad phone,Grace,grace@example.com\r\n");
      expect(await scrubFile(file, needles)).toBe(0);
      expect(await scrubFile(path.join(dir, "gone.csv"), needles)).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
