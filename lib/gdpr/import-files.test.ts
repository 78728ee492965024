import { describe, expect, it } from "vitest";
import { CsvRecordSplitter, csvRecords, recordNames, type PersonNeedles } from "./import-files";

const needles: PersonNeedles = { emails: ["ada@example.com"], phoneDigits: ["13195554929"], exact: ["C-ADA1"] };

describe("csvRecords", () => {
  it("splits at line ends outside quotes, keeping each record's own line ending", () => {
    expect(csvRecords('a,b\r\n"x\r\ny",z\nlast')).toEqual(["a,b\r\n", '"x\r\ny",z\n', "last"]);
  });

  it("splits the same way when the text arrives in pieces cut anywhere (a streamed file)", () => {
    const text = 'a,b\r\n"x\r\ny",z\n"q""\n",1\r\nlast';
    for (let size = 1; size <= text.length; size++) {
      const splitter = new CsvRecordSplitter();
      const records: string[] = [];
      for (let i = 0; i < text.length; i += size) records.push(...splitter.push(text.slice(i, i + size)));
      records.push(...splitter.end());
      expect(records).toEqual(csvRecords(text));
    }
    expect(csvRecords(text)).toEqual(["a,b\r\n", '"x\r\ny",z\n', '"q""\n",1\r\n', "last"]);
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
