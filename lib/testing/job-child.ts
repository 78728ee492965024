/**
 * A job runner in a process of its own, for the fault tests: `tsx lib/testing/job-child.ts import|bulk
 * <jobId>` runs the job slowly (each batch or chunk waits a little) so a test can SIGKILL it midway,
 * as a server dies. DATABASE_URL (and any SWITCHBOARD_S3_* setting) come from the test.
 */
import { closeDb } from "@/db";
import { runBulkJob } from "@/lib/bulk/run";
import { runImportJob } from "@/lib/import/job/run-job";

const [kind, jobId] = process.argv.slice(2);
const pause = () => new Promise<void>((r) => setTimeout(r, 150));
if (kind === "import") await runImportJob(jobId!, { batchSize: 50, writers: 1, afterBatch: pause });
else if (kind === "bulk") await runBulkJob(jobId!, { chunkSize: 20, concurrency: 1, onChunk: pause });
else throw new Error(`Unknown job kind ${kind}`);
await closeDb();
