// GET /api/auth/deactivated — ends the session of a user an admin deactivated, then shows the login page
import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";

export async function GET(request: NextRequest) {
  const jar = await cookies();
  for (const c of jar.getAll()) {
    if (c.name.includes("next-auth.session-token") || c.name.includes("next-auth.csrf-token")) jar.delete(c.name);
  }
  return NextResponse.redirect(new URL("/login?error=deactivated", request.url));
}
