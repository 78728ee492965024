import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { Role } from "@/db/schema/enums";
import { RateLimitedError } from "@/lib/errors";
import { verifyCredentials } from "./sign-in";

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "unknown";
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        try {
          const user = await verifyCredentials(credentials, clientIp(req?.headers));
          if (!user) return null;
          return { id: String(user.id), name: user.name, email: user.email, role: user.role };
        } catch (error) {
          // next-auth passes a thrown error's message to the client as `error`.
          if (error instanceof RateLimitedError) throw new Error("RateLimited");
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = (user as { role?: Role }).role;
      }
      return token;
    },
    session({ session, token }) {
      // Only the id is trusted from the token; role and active flag are re-read per request.
      if (session.user) (session.user as { id?: number }).id = token.uid as number;
      return session;
    },
  },
};
