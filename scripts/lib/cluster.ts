/**
 * Several instances of the built app (`next start`) on one database behind HAProxy: what
 * `npm run cluster`, `npm test -- --only cluster` and `npm run bench -- --instances N` start.
 * Every instance gets the same shared secrets (lib/auth/shared-secrets.ts) and runs the background
 * workers; HAProxy balances round robin with no sticky sessions, checks `/api/health`, and names the
 * instance that answered in the `X-Switchboard-Instance` response header. Its stats page (CSV) counts
 * the requests each instance served.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { bin, ROOT, waitForHttp } from "./proc";
import { serverEnv } from "./server-options";

export const HAPROXY = "/usr/sbin/haproxy";
export const INSTALL_HAPROXY = "apt-get install -y haproxy";

export interface ClusterOptions {
  databaseUrl: string;
  /** The load balancer's port (3000 for `npm run cluster`). */
  port: number;
  /** One instance per port (3001–3003 for `npm run cluster`). */
  instancePorts: number[];
  /** The port of HAProxy's stats page (CSV at `/;csv`). */
  statsPort: number;
  secrets: { NEXTAUTH_SECRET: string; NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: string };
  /** More environment for every instance (SWITCHBOARD_WORKERS, rate limits…). */
  env?: Record<string, string>;
  /** The instances' output: inherited (the launcher) or dropped (tests, benchmarks; errors still shown). */
  quiet?: boolean;
}

export interface Instance {
  name: string;
  port: number;
  child: ChildProcess;
}

export interface Cluster {
  url: string;
  statsUrl: string;
  instances: Instance[];
  haproxy: ChildProcess;
  /** Requests each instance served so far, by instance name (HAProxy's counters). */
  served(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** The instance named in HAProxy and in `PGAPPNAME` (pg_stat_activity.application_name). */
export const instanceName = (port: number) => `switchboard-${port}`;

/**
 * HAProxy when installed; otherwise installed with apt when this is root and apt is there, else an
 * error whose message is the one command to run.
 */
export function ensureHaproxy(options: { install: boolean }): string {
  if (existsSync(HAPROXY)) return HAPROXY;
  const canInstall = options.install && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (canInstall) {
    console.log(`HAProxy is missing: ${INSTALL_HAPROXY}`);
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    spawnSync("apt-get", ["install", "-y", "-qq", "haproxy"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (existsSync(HAPROXY)) return HAPROXY;
  }
  throw new Error(`HAProxy is not installed (${HAPROXY}). Install it with: sudo ${INSTALL_HAPROXY}`);
}

export function haproxyConfig(options: Pick<ClusterOptions, "port" | "instancePorts" | "statsPort">): string {
  return `global
  maxconn 4096

defaults
  mode http
  timeout connect 5s
  timeout client 600s
  timeout server 600s
  # A busy instance (an import on a small machine) may take a few seconds to answer its check.
  timeout check 5s
  # An upload or a slow action answered by an instance that dies is not replayed on another.
  retries 2
  option redispatch

frontend switchboard
  bind *:${options.port}
  option forwardfor
  default_backend instances

backend instances
  balance roundrobin
  option httpchk GET /api/health
  http-check expect status 200
  # The instance that answered: the tests count it, and it helps when reading a trace.
  http-response set-header X-Switchboard-Instance %s
${options.instancePorts.map((p) => `  server ${instanceName(p)} 127.0.0.1:${p} check inter 2s fall 3 rise 2`).join("\n")}

listen stats
  bind 127.0.0.1:${options.statsPort}
  stats enable
  stats uri /
  stats refresh 5s
`;
}

/** Starts the instances and HAProxy; resolves once the site answers through the load balancer. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const haproxyBin = ensureHaproxy({ install: false });
  const url = `http://localhost:${options.port}`;
  const statsUrl = `http://127.0.0.1:${options.statsPort}/`;
  const base = {
    ...serverEnv({ ...process.env, ...options.env }),
    ...options.secrets,
    DATABASE_URL: options.databaseUrl,
    NEXTAUTH_URL: url,
    // Several instances: the start-up check insists on the shared secrets (lib/auth/shared-secrets.ts).
    SWITCHBOARD_INSTANCES: String(options.instancePorts.length),
    // Every request comes through HAProxy, which appends the client's address to X-Forwarded-For.
    SWITCHBOARD_TRUSTED_PROXIES: "1",
    // The launcher migrated already.
    SWITCHBOARD_SKIP_MIGRATE: "1",
  };
  const instances: Instance[] = options.instancePorts.map((port) => ({
    name: instanceName(port),
    port,
    child: spawn(bin("next"), ["start", "-p", String(port)], {
      cwd: ROOT,
      stdio: options.quiet ? ["ignore", "ignore", "inherit"] : "inherit",
      // Its connections carry its name in pg_stat_activity (postgres.js reads PGAPPNAME).
      env: { ...base, PGAPPNAME: instanceName(port) },
    }),
  }));
  const dir = mkdtempSync(path.join(os.tmpdir(), "switchboard-haproxy-"));
  const config = path.join(dir, "haproxy.cfg");
  writeFileSync(config, haproxyConfig(options));
  // -db: in the foreground, logs to stderr; stopped with SIGTERM.
  const haproxy = spawn(haproxyBin, ["-db", "-f", config], { stdio: ["ignore", "ignore", "inherit"] });

  const stop = async () => {
    for (const child of [haproxy, ...instances.map((i) => i.child)]) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.all(
      [haproxy, ...instances.map((i) => i.child)].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => (child.kill("SIGKILL"), resolve()), 10_000);
            child.once("exit", () => (clearTimeout(timer), resolve()));
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  /** HAProxy's counters of the instances: requests served (stot) and state (UP, DOWN…), by name. */
  const stats = async () => {
    const csv = await (await fetch(`${statsUrl};csv`)).text();
    const [header, ...rows] = csv.replace(/^# /, "").trim().split("\n");
    const columns = header!.split(",");
    const [px, sv, stot, status] = ["pxname", "svname", "stot", "status"].map((c) => columns.indexOf(c));
    return rows
      .map((row) => row.split(","))
      .filter((cells) => cells[px!] === "instances" && cells[sv!] !== "BACKEND")
      .map((cells) => ({ name: cells[sv!]!, served: Number(cells[stot!]), status: cells[status!]! }));
  };
  const served = async () => Object.fromEntries((await stats()).map((s) => [s.name, s.served]));
  try {
    await Promise.all(instances.map((i) => waitForHttp(`http://127.0.0.1:${i.port}/api/health`, 180_000, i.child)));
    await waitForHttp(`${url}/api/health`, 30_000, haproxy);
    // Every instance up in HAProxy's eyes (two good checks each) before anyone counts on the spread.
    for (const deadline = Date.now() + 30_000; ; ) {
      const up = (await stats()).filter((s) => s.status === "UP").length;
      if (up === instances.length) break;
      if (Date.now() > deadline) throw new Error(`HAProxy sees ${up} of ${instances.length} instances up`);
      await new Promise((r) => setTimeout(r, 300));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, statsUrl, instances, haproxy, served, stop };
}
