import type { Metadata } from "next";
import { CreateKeyForm } from "@/components/settings/create-key-form";
import { InlineAction } from "@/components/settings/inline-action";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { Table, Td } from "@/components/ui/table";
import { revokeKeyAction } from "@/lib/api-keys/actions";
import { listApiKeys } from "@/lib/api-keys/data";
import { canManageKeys } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team, role } = await requireTeam(slug);
  const keys = await listApiKeys(team.id);
  const manage = canManageKeys(role);
  return (
    <>
      <Card title="Create an API key" description="Keys authenticate the SDK and scripts against /api/v1. The secret is shown once.">
        {manage ? <CreateKeyForm slug={slug} /> : <p className="text-sm text-gray-600">Only owners and admins can create API keys.</p>}
      </Card>
      {keys.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-sm text-gray-600">No API keys yet.</p>
      ) : (
        <Table caption="API keys" head={["Name", "Key", "Scope", "Created", "Last used", "Status", ""]}>
          {keys.map((k) => (
            <tr key={k.id}>
              <Td className="font-medium">{k.name}</Td>
              <Td className="font-mono text-xs">{k.prefix}…</Td>
              <Td>{k.scope}</Td>
              <Td>{formatDateTime(k.createdAt, team.timeZone)}</Td>
              <Td>{formatDateTime(k.lastUsedAt, team.timeZone)}</Td>
              <Td>{k.revokedAt ? <span className="text-red-700">Revoked {formatDateTime(k.revokedAt, team.timeZone)}</span> : <span className="text-green-700">Active</span>}</Td>
              <Td>
                {manage && !k.revokedAt && (
                  <InlineAction action={revokeKeyAction.bind(null, slug)} fields={{ keyId: k.id }} label="Revoke" pendingLabel="Revoking…"
                    confirm={`Revoke “${k.name}”? Requests with it fail immediately.`} />
                )}
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
