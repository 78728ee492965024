import { describe, expect, it } from "vitest";
import { s3Settings, StorageSettingsError } from "./s3-settings";

describe("s3Settings", () => {
  it("is null with no SWITCHBOARD_S3_* set (files in PostgreSQL)", () => {
    expect(s3Settings({})).toBeNull();
    expect(s3Settings({ SWITCHBOARD_S3_BUCKET: "" })).toBeNull();
  });

  it("reads a full configuration, and a bucket alone (AWS, the SDK's own credentials)", () => {
    expect(
      s3Settings({
        SWITCHBOARD_S3_BUCKET: "files",
        SWITCHBOARD_S3_ENDPOINT: "http://127.0.0.1:9000",
        SWITCHBOARD_S3_REGION: "eu-west-1",
        SWITCHBOARD_S3_ACCESS_KEY_ID: "id",
        SWITCHBOARD_S3_SECRET_ACCESS_KEY: "secret",
        SWITCHBOARD_S3_FORCE_PATH_STYLE: "true",
      }),
    ).toEqual({ bucket: "files", endpoint: "http://127.0.0.1:9000", region: "eu-west-1", credentials: { accessKeyId: "id", secretAccessKey: "secret" }, forcePathStyle: true });
    expect(s3Settings({ SWITCHBOARD_S3_BUCKET: "files" })).toEqual({ bucket: "files", endpoint: undefined, region: "us-east-1", credentials: undefined, forcePathStyle: false });
  });

  it("refuses half a configuration with a message naming what is missing", () => {
    expect(() => s3Settings({ SWITCHBOARD_S3_ENDPOINT: "http://127.0.0.1:9000", SWITCHBOARD_S3_ACCESS_KEY_ID: "id" })).toThrow(
      "SWITCHBOARD_S3_ENDPOINT, SWITCHBOARD_S3_ACCESS_KEY_ID are set but SWITCHBOARD_S3_BUCKET is not: set the bucket to keep files in S3, or unset every SWITCHBOARD_S3_* setting to keep them in PostgreSQL.",
    );
    expect(() => s3Settings({ SWITCHBOARD_S3_BUCKET: "files", SWITCHBOARD_S3_ACCESS_KEY_ID: "id" })).toThrow(/SWITCHBOARD_S3_ACCESS_KEY_ID and SWITCHBOARD_S3_SECRET_ACCESS_KEY go together/);
    expect(() => s3Settings({ SWITCHBOARD_S3_BUCKET: "files", SWITCHBOARD_S3_ENDPOINT: "not a url" })).toThrow(/SWITCHBOARD_S3_ENDPOINT must be a URL/);
    expect(() => s3Settings({ SWITCHBOARD_S3_BUCKET: "files", SWITCHBOARD_S3_FORCE_PATH_STYLE: "maybe" })).toThrow(/SWITCHBOARD_S3_FORCE_PATH_STYLE must be true or false/);
    expect(() => s3Settings({ SWITCHBOARD_S3_REGION: "eu-west-1" })).toThrow(StorageSettingsError);
  });
});
