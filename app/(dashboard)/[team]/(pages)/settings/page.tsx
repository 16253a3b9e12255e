import type { Metadata } from "next";
import { CaptureForm } from "@/components/settings/capture-form";
import { OtlpRulesForm } from "@/components/settings/otlp-rules-form";
import { RenameTeamForm } from "@/components/settings/rename-team-form";
import { RetentionForm } from "@/components/settings/retention-form";
import { TimeZoneForm } from "@/components/settings/time-zone-form";
import { Card } from "@/components/ui/card";
import { canChangeCapture, canChangeRetention, canChangeTimeZone, canEditOtlpRules, canRenameTeam } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { getTaskTypeRules } from "@/lib/otlp/settings";
import { getTeamSettings } from "@/lib/teams/data";

export const metadata: Metadata = { title: "Settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team, role } = await requireTeam(slug);
  const [settings, rules] = await Promise.all([getTeamSettings(team.id), getTaskTypeRules(team.id)]);
  return (
    <>
      <Card title="Team">
        <RenameTeamForm slug={slug} name={team.name} canEdit={canRenameTeam(role)} />
      </Card>
      <Card title="Time zone">
        <TimeZoneForm slug={slug} timeZone={team.timeZone} zones={Intl.supportedValuesOf("timeZone")} canEdit={canChangeTimeZone(role)} />
      </Card>
      <Card title="Content capture">
        <CaptureForm slug={slug} enabled={settings.captureContent} canEdit={canChangeCapture(role)} />
      </Card>
      <Card title="Retention">
        <RetentionForm slug={slug} retentionDays={settings.retentionDays} contentRetentionDays={settings.contentRetentionDays} canEdit={canChangeRetention(role)} />
      </Card>
      <Card title="OpenTelemetry task types">
        <OtlpRulesForm slug={slug} rules={rules} canEdit={canEditOtlpRules(role)} />
      </Card>
    </>
  );
}
