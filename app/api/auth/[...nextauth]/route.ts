// /api/auth/*: next-auth (csrf, credentials and GitHub callbacks, session, sign-out).
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, ctx: Ctx) {
  return NextAuth(request as never, ctx as never, await authOptions());
}

export { handler as GET, handler as POST };
