import type { Metadata } from "next";
import { InlineAction } from "@/components/settings/inline-action";
import { InviteForm } from "@/components/settings/invite-form";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format";
import { Table, Td } from "@/components/ui/table";
import { canAssignRole, canManageMembers, ROLES } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { changeRoleAction, removeMemberAction, revokeInviteAction } from "@/lib/teams/actions";
import { listMembers, listOpenInvites } from "@/lib/teams/data";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team, role, user } = await requireTeam(slug);
  const [members, invites] = await Promise.all([listMembers(team.id), listOpenInvites(team.id)]);
  const owners = members.filter((m) => m.role === "owner").length;
  const manage = canManageMembers(role);
  return (
    <>
      <Table caption="Members" head={manage ? ["Member", "Role", "Joined", ""] : ["Member", "Role", "Joined"]}>
        {members.map((m) => {
          const editable = canAssignRole(role, m.role, m.role);
          // The team's only owner cannot be removed (the server refuses it too): no button that can only fail.
          const lastOwner = m.role === "owner" && owners === 1;
          return (
            <tr key={m.id}>
              <Td>
                <span className="font-medium">{m.name ?? m.email}</span>
                {m.name && <span className="block text-xs text-gray-500">{m.email}</span>}
                {m.id === user.id && <span className="ml-1 text-xs text-gray-500">(you)</span>}
              </Td>
              <Td>
                {manage && editable ? (
                  <InlineAction action={changeRoleAction.bind(null, slug)} fields={{ userId: m.id }} label="Change" pendingLabel="Saving…" variant="secondary">
                    <select name="role" defaultValue={m.role} aria-label={`Role of ${m.email}`} className={`${inputClass} w-auto min-w-[7rem] py-1`}>
                      {ROLES.filter((r) => canAssignRole(role, m.role, r)).map((r) => <option key={r} value={r}>{r}</option>)}
                    </select>
                  </InlineAction>
                ) : (
                  m.role
                )}
              </Td>
              <Td>{formatDateTime(m.joinedAt, team.timeZone)}</Td>
              {manage && (
                <Td>
                  {editable && !lastOwner && (
                    <InlineAction action={removeMemberAction.bind(null, slug)} fields={{ userId: m.id }} label="Remove" pendingLabel="Removing…"
                      confirm={`Remove ${m.email} from ${team.name}?`} />
                  )}
                </Td>
              )}
            </tr>
          );
        })}
      </Table>
      <Card title="Invite people" description="Send the link to one person; they sign in or create an account and join with this role.">
        {manage ? <InviteForm slug={slug} /> : <p className="text-sm text-gray-600">Only owners and admins can invite people.</p>}
      </Card>
      {manage && invites.length > 0 && (
        <Table caption="Open invites" head={["Open invite", "Created", "Expires", ""]}>
          {invites.map((i) => (
            <tr key={i.id}>
              <Td>{i.role}</Td>
              <Td>{formatDateTime(i.createdAt, team.timeZone)}</Td>
              <Td>{formatDateTime(i.expiresAt, team.timeZone)}</Td>
              <Td>
                <InlineAction action={revokeInviteAction.bind(null, slug)} fields={{ inviteId: i.id }} label="Revoke" pendingLabel="Revoking…" />
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
