import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/db";
import type { Role } from "@/db/schema/enums";
import { RateLimitedError } from "@/lib/errors";
import { clientAddress, trustedProxyCount } from "./client-address";
import { PEER_HEADER } from "./peer-address";
import { endSessions } from "./session-version";
import { verifyCredentials } from "./sign-in";

/** The signed-in user as next-auth carries it from `authorize` to the token. */
export interface AuthorizedUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  sessionVersion: number;
}

/** next-auth's `authorize`: the credentials and the request headers of one sign-in attempt. */
export async function authorizeCredentials(
  credentials: unknown,
  headers: Record<string, unknown> | undefined,
): Promise<AuthorizedUser | null> {
  const header = (name: string) => (typeof headers?.[name] === "string" ? (headers[name] as string) : undefined);
  const address = clientAddress(header("x-forwarded-for"), trustedProxyCount(), header(PEER_HEADER));
  try {
    const user = await verifyCredentials(credentials, address);
    if (!user) return null;
    return { id: String(user.id), name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion };
  } catch (error) {
    // next-auth passes a thrown error's message to the client as `error`.
    if (error instanceof RateLimitedError) throw new Error("RateLimited");
    throw error;
  }
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, req) => authorizeCredentials(credentials, req?.headers),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as AuthorizedUser).sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      // Only the id and session version are trusted from the token; role and active flag are re-read per request.
      if (session.user) Object.assign(session.user, { id: token.uid, sv: token.sv });
      return session;
    },
  },
  events: {
    // A cookie copied before sign-out must not outlive it: the user's sessions end everywhere.
    async signOut({ token }) {
      const uid = (token as { uid?: unknown } | null)?.uid;
      if (typeof uid === "number" && Number.isSafeInteger(uid)) await endSessions(db, uid);
    },
  },
};
