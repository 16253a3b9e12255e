// Issue 15's loop end to end: a guarded publish sends extraction to nano, the app (the real openai client
// through the SDK, against the fake OpenAI server) finds 30% of nano's extractions wrong and says so, the
// team's minute evaluation rolls the version back, the SDK routes by the rollback within a second, and a
// local webhook receiver hears one signed firing of the extract alert, the guard's rollback, and, once
// mini's extractions have brought the rate back, one resolution.
import { expect, it } from "vitest";
import { Switchyard } from "@switchyard/sdk";
import { createAlert } from "@/lib/alerts/mutations";
import { alertBodySchema } from "@/lib/alerts/schema";
import { evaluateStep } from "@/lib/alerts/evaluate";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { workUntilIdle } from "@/lib/jobs/worker";
import { msgs, until, useSdkHarness } from "@/tests/support/sdk-harness";
import { expectedSignature, startWebhookReceiver } from "@/tests/support/webhook-receiver";

const h = useSdkHarness();
const SECRET = "guard-sdk-webhook-secret";
const MINUTE = 60_000;

it("rolls a regressing guarded version back, the SDK follows, and the webhook hears one firing and one resolution", async () => {
  const receiver = await startWebhookReceiver();
  try {
    const { team, seq, ingest, admin } = await h.setup({ defaultModel: "gpt-5.4-mini" });
    const teamId = checkedTeamId(team.id);
    await createAlert(teamId, {}, alertBodySchema.parse({
      name: "Extract success", kind: "success_rate", scope: { taskType: "extract" }, threshold: { min: 0.9 }, windowMinutes: 10,
      channels: [{ type: "webhook", url: receiver.url, secret: SECRET }],
    }));
    const { sy, openai } = h.client(ingest.secret);
    await until(() => sy.policyVersion === 1);

    const put = await fetch(`${h.api.url}/api/v1/policy`, {
      method: "PUT", headers: { authorization: `Bearer ${admin.secret}` },
      body: JSON.stringify({ policy: { defaultModel: "gpt-5.4-mini", rules: [{ id: "extract-nano", when: { taskType: ["extract"] }, model: "gpt-5.4-nano" }] }, message: "extract to nano", guard: { minSuccess: 0.9 } }),
    });
    expect(await put.json()).toEqual({ version: 2 });
    await until(() => sy.policyVersion === 2);

    // The app checks every extraction and reports it: on nano every third or so is wrong.
    const extract = async (n: number) => {
      const models: string[] = [];
      for (let i = 0; i < n; i++) {
        const res = await openai.chat.completions.create({ model: "auto", messages: msgs }, { switchyard: { taskType: "extract" } } as never);
        const wrong = res.model === "gpt-5.4-nano" && i % 10 < 3;
        sy.outcome({ callId: Switchyard.callIdOf(res)!, outcome: wrong ? "failure" : "success" });
        models.push(res.model);
      }
      await sy.flush();
      return models;
    };
    expect(new Set(await extract(150))).toEqual(new Set(["gpt-5.4-nano"]));
    await until(async () => (await db().call.count({ where: { teamSeq: seq, outcome: { not: null } } })) === 150);

    // The next minute's evaluation (what the team's job runs): the guard trips and the alert fires.
    const next = (m: number) => new Date((Math.floor(Date.now() / MINUTE) + m) * MINUTE);
    const tripped = Date.now();
    await evaluateStep({ teamId }, next(1));
    await until(() => sy.policyVersion === 3, 1000);
    const followedMs = Date.now() - tripped;
    const v3 = await db().policyVersion.findUniqueOrThrow({ where: { teamId_version: { teamId, version: 3 } } });
    expect(v3).toMatchObject({ publishedBy: "system:guard", policy: { defaultModel: "gpt-5.4-mini" } });
    expect(followedMs).toBeLessThan(1000 + 1000); // the evaluation itself, then the push within a second

    // Routed by the rollback: extraction on mini, right every time; the rate comes back and the alert resolves.
    expect(new Set(await extract(1000))).toEqual(new Set(["gpt-5.4-mini"]));
    await until(async () => (await db().call.count({ where: { teamSeq: seq, outcome: { not: null } } })) === 1150, 10_000);
    await evaluateStep({ teamId }, next(2));
    await evaluateStep({ teamId }, next(3));
    await workUntilIdle();

    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    expect(receiver.received.every((r) => r.signature === expectedSignature(r.body, SECRET))).toBe(true);
    expect(bodies.map((b) => `${b.alert.kind} ${b.state}`).sort()).toEqual(["guard firing", "success_rate firing", "success_rate resolved"]);
    const firing = bodies.find((b) => b.alert.kind === "success_rate" && b.state === "firing");
    expect(firing).toMatchObject({ policyVersion: 2, ruleId: "extract-nano", evidence: { n: 150, value: 0.7 } });
    expect(bodies.find((b) => b.alert.kind === "guard")).toMatchObject({ policyVersion: 2, rollback: { to: 1, newVersion: 3 } });
  } finally {
    await receiver.close();
  }
}, 60_000);
