import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInviteForm } from "@/components/settings/accept-invite-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { formatDateTime } from "@/components/ui/format";
import { getCurrentUser } from "@/lib/auth/session";
import { findInvite } from "@/lib/teams/data";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Join a team" };

function inviteProblem(invite: Awaited<ReturnType<typeof findInvite>>) {
  if (!invite) return "This invite link is not valid. Ask a team admin for a new one.";
  if (invite.usedAt) return "This invite link has already been used. Ask a team admin for a new one.";
  if (invite.expiresAt <= new Date()) return `This invite link expired on ${formatDateTime(invite.expiresAt)}. Ask a team admin for a new one.`;
  return null;
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invite, user] = await Promise.all([findInvite(token), getCurrentUser()]);
  const problem = inviteProblem(invite);
  const back = encodeURIComponent(`/invite/${token}`);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 p-6">
      <p className="text-center text-xl font-semibold">Switchyard</p>
      <div className="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        {problem || !invite ? (
          <>
            <h1 className="text-lg font-semibold">Invite unavailable</h1>
            <Alert>{problem}</Alert>
            <Link href="/" className="text-sm text-blue-700 underline">Go to Switchyard</Link>
          </>
        ) : (
          <>
            <h1 className="text-lg font-semibold">Join {invite.team.name}</h1>
            <p className="text-sm text-gray-600">You have been invited as <strong>{invite.role}</strong>. The link expires {formatDateTime(invite.expiresAt)}.</p>
            {user ? (
              <AcceptInviteForm token={token} email={user.email} />
            ) : (
              <div className="flex flex-wrap gap-2">
                <Link className={buttonClass()} href={`/sign-up?callbackUrl=${back}`}>Create an account</Link>
                <Link className={buttonClass("secondary")} href={`/sign-in?callbackUrl=${back}`}>Sign in</Link>
              </div>
            )}
          </>
        )}
      </div>
    </main>
  );
}
