// How far the demo team's seeding has got, for the banner on its pages: until it is done, its figures
// are partial and must not read as final.
import { getInstanceSetting } from "@/lib/instance/data";

export type DemoProgress = { daysDone: number; days: number; phase: "traffic" | "evidence" };

/** Null unless `teamId` is the demo team and its seeding has not finished. */
export async function getDemoProgress(teamId: string): Promise<DemoProgress | null> {
  const [team, days, done, evidence] = await Promise.all(["demo_team", "demo_days", "demo_days_done", "demo_evidence_done"].map(getInstanceSetting));
  if (team !== teamId || evidence) return null;
  const total = Number(days ?? 30);
  const daysDone = Number(done ?? 0);
  return { daysDone, days: total, phase: daysDone < total ? "traffic" : "evidence" };
}
