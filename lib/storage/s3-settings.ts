import { z } from "zod";

/**
 * The object storage settings: all unset keeps files in PostgreSQL; SWITCHBOARD_S3_BUCKET turns
 * the S3-compatible backend on. Half a configuration (an endpoint or keys without a bucket, a key id
 * without its secret) is refused at start-up rather than silently keeping files elsewhere.
 */
const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const s3SettingsSchema = z
  .object({
    SWITCHBOARD_S3_BUCKET: z.string().trim().min(1),
    SWITCHBOARD_S3_ENDPOINT: z.url({ message: "must be a URL such as https://s3.example.com" }).optional(),
    SWITCHBOARD_S3_REGION: z.string().trim().min(1).default("us-east-1"),
    SWITCHBOARD_S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
    SWITCHBOARD_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    SWITCHBOARD_S3_FORCE_PATH_STYLE: flag.optional(),
  })
  .refine((s) => Boolean(s.SWITCHBOARD_S3_ACCESS_KEY_ID) === Boolean(s.SWITCHBOARD_S3_SECRET_ACCESS_KEY), {
    message: "SWITCHBOARD_S3_ACCESS_KEY_ID and SWITCHBOARD_S3_SECRET_ACCESS_KEY go together: set both (or neither, to use the SDK's own credentials: an instance role, ~/.aws).",
  });

export interface S3Settings {
  bucket: string;
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
}

export class StorageSettingsError extends Error {}

const KEYS = ["SWITCHBOARD_S3_BUCKET", "SWITCHBOARD_S3_ENDPOINT", "SWITCHBOARD_S3_REGION", "SWITCHBOARD_S3_ACCESS_KEY_ID", "SWITCHBOARD_S3_SECRET_ACCESS_KEY", "SWITCHBOARD_S3_FORCE_PATH_STYLE"] as const;

/** The S3 settings from the environment, null when none is set; throws StorageSettingsError when they are incomplete or wrong. */
export function s3Settings(env: Record<string, string | undefined> = process.env): S3Settings | null {
  const given = Object.fromEntries(KEYS.map((k) => [k, env[k] === "" ? undefined : env[k]]));
  if (KEYS.every((k) => given[k] === undefined)) return null;
  if (!given.SWITCHBOARD_S3_BUCKET) {
    const set = KEYS.filter((k) => given[k] !== undefined).join(", ");
    throw new StorageSettingsError(`${set} ${set.includes(",") ? "are" : "is"} set but SWITCHBOARD_S3_BUCKET is not: set the bucket to keep files in S3, or unset every SWITCHBOARD_S3_* setting to keep them in PostgreSQL.`);
  }
  const parsed = s3SettingsSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")} ${i.message}` : i.message));
    throw new StorageSettingsError(`The object storage settings are not usable: ${problems.join("; ")}.`);
  }
  const s = parsed.data;
  return {
    bucket: s.SWITCHBOARD_S3_BUCKET,
    endpoint: s.SWITCHBOARD_S3_ENDPOINT,
    region: s.SWITCHBOARD_S3_REGION,
    credentials: s.SWITCHBOARD_S3_ACCESS_KEY_ID ? { accessKeyId: s.SWITCHBOARD_S3_ACCESS_KEY_ID, secretAccessKey: s.SWITCHBOARD_S3_SECRET_ACCESS_KEY! } : undefined,
    forcePathStyle: s.SWITCHBOARD_S3_FORCE_PATH_STYLE ?? false,
  };
}
