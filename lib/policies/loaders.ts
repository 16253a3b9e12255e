// Page data for the policy editor and the simulator's starting point.
import type { Policy } from "@switchyard/sdk";
import type { TeamId } from "@/lib/auth/team-id";
import { listDimensions } from "@/lib/analytics/queries/list-dimensions";
import { getDraft, getPolicySettings, getPublishedPolicy, listDrafts } from "@/lib/policies/data";
import { listPrices } from "@/lib/pricing/data";
import { PRESETS } from "@/lib/simulate/presets";

/**
 * "current", "preset:<id>" or "draft:<id>" → the policy, a label and an error when it was not found, with
 * the published version and the list of starting points (published, presets, drafts) read once.
 */
export async function loadStartingPoint(teamId: TeamId, start: string) {
  const [current, drafts] = await Promise.all([getPublishedPolicy(teamId), listDrafts(teamId)]);
  const startingPoints = [
    { value: "current", label: current.version ? `Published policy (v${current.version})` : "The default policy (nothing published yet)" },
    ...PRESETS.map((x) => ({ value: `preset:${x.id}`, label: `Preset: ${x.label}` })),
    ...drafts.map((d) => ({ value: `draft:${d.id}`, label: `Draft: ${d.name}` })),
  ];
  const published = {
    current, startingPoints, policy: current.policy as Policy, draft: null as null | { id: string; name: string },
    label: current.version ? `Published version ${current.version}` : "The default policy (nothing published yet)",
  };
  if (start.startsWith("preset:")) {
    const preset = PRESETS.find((x) => `preset:${x.id}` === start);
    return preset ? { ...published, policy: preset.policy, label: preset.label } : { ...published, error: `Unknown starting point "${start}".` };
  }
  if (start.startsWith("draft:")) {
    const id = start.slice(6);
    const draft = drafts.find((d) => d.id === id) ?? (await getDraft(teamId, id));
    return draft
      ? { ...published, policy: draft.policy, label: `Draft "${draft.name}"`, draft: { id: draft.id, name: draft.name } }
      : { ...published, error: "That draft no longer exists; showing the published policy." };
  }
  return published;
}

export async function loadEditor(teamId: TeamId, start: string) {
  const [point, dimensions, prices, settings] = await Promise.all([
    loadStartingPoint(teamId, start), listDimensions(teamId), listPrices(teamId), getPolicySettings(teamId),
  ]);
  return { ...point, taskTypes: dimensions.taskTypes, models: [...new Set(prices.map((p) => p.model))].sort(), settings };
}
