// GET /api/v1/users — active users (id, name, e-mail, role), for setting a contact's favorite agent
import { API_HEADERS, presentUser } from "@/lib/api/present";
import { bearerRoute } from "@/lib/http-errors";
import { listActiveStaff } from "@/lib/users/directory";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return bearerRoute(request, "read", async ({ read }) => Response.json({ data: (await listActiveStaff(await read())).map(presentUser) }, { headers: API_HEADERS }));
}
