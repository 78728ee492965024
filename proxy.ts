import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/auth/content-security-policy";

const PUBLIC_PAGES = ["/login"];

/**
 * Every page gets a Content-Security-Policy with a fresh nonce (see next.config.ts for the headers
 * every response gets). The redirect to /login is a convenience only: every page, action and route
 * checks the session and role itself.
 */
export async function proxy(request: NextRequest) {
  const csp = contentSecurityPolicy(newNonce());
  const { pathname, search } = request.nextUrl;
  let response: NextResponse;
  if (PUBLIC_PAGES.includes(pathname) || (await getToken({ req: request }))) {
    // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
    const headers = new Headers(request.headers);
    headers.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers } });
  } else {
    const login = new URL("/login", request.url);
    if (pathname + search !== "/") login.searchParams.set("callbackUrl", pathname + search);
    response = NextResponse.redirect(login);
  }
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Not: next-auth, health, the bearer-token REST API, and static files. Nor the import routes: they
  // check the session themselves (401/403 as JSON), and a request through the proxy has its body
  // buffered in memory and silently cut at 10 MB (proxyClientMaxBodySize), which would break
  // streaming a 100 MB upload to disk. The login page is matched, for its CSP.
  matcher: ["/((?!api/auth|api/health|api/v1|api/imports|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
