import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// A convenience redirect only: every page, action and route checks the session and role itself.
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request });
  if (token) return NextResponse.next();
  const login = new URL("/login", request.url);
  const back = request.nextUrl.pathname + request.nextUrl.search;
  if (back !== "/") login.searchParams.set("callbackUrl", back);
  return NextResponse.redirect(login);
}

export const config = {
  // Not: the login page, next-auth, health, the bearer-token REST API, and static files. Nor the
  // import routes: they check the session themselves (401/403 as JSON), and a request through the
  // proxy has its body buffered in memory and silently cut at 10 MB (proxyClientMaxBodySize), which
  // would break streaming a 100 MB upload to disk.
  matcher: ["/((?!login|api/auth|api/health|api/v1|api/imports|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
