/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native, WASM and driver packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "@prisma/client", "pg", "bcryptjs"],
  poweredByHeader: false,
};

export default nextConfig;
