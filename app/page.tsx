import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { listTeamsForUser } from "@/lib/teams/data";

export const dynamic = "force-dynamic";

// "/" sends people to their first team, or to sign-in.
export default async function Home() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const [first] = await listTeamsForUser(user.id);
  redirect(first ? `/${first.slug}` : "/teams/new");
}
