/**
 * A local S3-compatible server (s3rver, from npm) in a process of its own, for the storage tests:
 * `tsx lib/testing/s3-server-child.ts <directory>` serves bucket "switchboard-test" on a free port
 * and prints the port once it listens. Its own process, so what it buffers never counts in the
 * memory the tests measure.
 */
import S3rver from "s3rver";

const directory = process.argv[2]!;
const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: "switchboard-test", configs: [] }] });
const address = (await server.run()) as unknown as { port: number };
process.stdout.write(`${address.port}\n`);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
