// GET /api/health — liveness and database reachability, for load balancers and CI; with a read replica, its lag
import { sql } from "drizzle-orm";
import { db } from "@/db";
import { replicaStatus } from "@/db/replica";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await db.execute(sql`select 1`);
  } catch (error) {
    console.error("Health check failed", error);
    return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
  // A replica that lags or is down does not make the instance unhealthy: its reads go to the primary.
  const replica = await replicaStatus();
  return Response.json({ status: "ok", database: "ok", ...(replica ? { replica } : {}) });
}
