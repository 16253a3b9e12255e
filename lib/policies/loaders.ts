// Page data for the policy editor and the simulator's starting point.
import type { Policy } from "@switchyard/sdk";
import type { TeamId } from "@/lib/auth/team-id";
import { listDimensions } from "@/lib/analytics/queries/list-dimensions";
import { getDraft, getPolicySettings, getPublishedPolicy, listDrafts } from "@/lib/policies/data";
import { listPrices } from "@/lib/pricing/data";
import { PRESETS } from "@/lib/simulate/presets";

/** "current", "preset:<id>" or "draft:<id>" → the policy, a label, and an error when it was not found. */
export async function loadStartingPoint(teamId: TeamId, start: string) {
  const current = await getPublishedPolicy(teamId);
  const published = { policy: current.policy as Policy, label: current.version ? `Published version ${current.version}` : "The default policy (nothing published yet)", draft: null as null | { id: string; name: string } };
  if (start.startsWith("preset:")) {
    const preset = PRESETS.find((x) => `preset:${x.id}` === start);
    return preset ? { ...published, policy: preset.policy, label: preset.label } : { ...published, error: `Unknown starting point "${start}".` };
  }
  if (start.startsWith("draft:")) {
    const draft = await getDraft(teamId, start.slice(6));
    return draft ? { policy: draft.policy, label: `Draft "${draft.name}"`, draft: { id: draft.id, name: draft.name } } : { ...published, error: "That draft no longer exists; showing the published policy." };
  }
  return published;
}

export async function listStartingPoints(teamId: TeamId) {
  const [current, drafts] = await Promise.all([getPublishedPolicy(teamId), listDrafts(teamId)]);
  return [
    { value: "current", label: current.version ? `Published policy (v${current.version})` : "Published policy (default)" },
    ...PRESETS.map((x) => ({ value: `preset:${x.id}`, label: `Preset: ${x.label}` })),
    ...drafts.map((d) => ({ value: `draft:${d.id}`, label: `Draft: ${d.name}` })),
  ];
}

export async function loadEditor(teamId: TeamId, start: string) {
  const [point, dimensions, prices, settings, startingPoints] = await Promise.all([
    loadStartingPoint(teamId, start), listDimensions(teamId), listPrices(teamId), getPolicySettings(teamId), listStartingPoints(teamId),
  ]);
  return { ...point, taskTypes: dimensions.taskTypes, models: [...new Set(prices.map((p) => p.model))].sort(), settings, startingPoints };
}
