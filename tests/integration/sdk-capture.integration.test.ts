// Content capture through the SDK: with `captureContent` the real SDK sends each call's request and answer
// (shadow calls included), the server keeps them where the team turned capture on, and an evaluator grades
// the shadow answers with no code in the app: a shadow sample becomes evidence on its own.
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { createEvaluator } from "@/lib/evaluators/mutations";
import { evaluatorBodySchema } from "@/lib/evaluators/schema";
import { workUntilIdle } from "@/lib/jobs/worker";
import { setContentCapture } from "@/lib/teams/mutations";
import { calls, msgs, until, useSdkHarness } from "@/tests/support/sdk-harness";

const h = useSdkHarness();
const SHADOWED = { defaultModel: "gpt-5.4-mini", shadow: [{ when: { taskType: ["summarize"] }, model: "gpt-5.4-nano", sampleRate: 1 }] };

describe("content capture", () => {
  it("sends request and answer with every call, shadow calls included, and evaluators grade the shadow answers", async () => {
    const { team, user, seq, ingest } = await h.setup(SHADOWED);
    const teamId = checkedTeamId(team.id);
    await setContentCapture(teamId, user.id, true);
    await createEvaluator(teamId, { userId: user.id }, evaluatorBodySchema.parse({ name: "answers", kind: "contains", config: { text: "Fake answer", mustContain: true }, scope: { production: false, shadow: true } }));
    // nano's shadow answers are refusals: the evaluator fails them.
    h.behave = (body) => (body.model === "gpt-5.4-nano" ? { text: "I cannot help with that." } : {});
    const { sy, openai } = h.client(ingest.secret, { captureContent: true });
    await until(() => sy.policyVersion === 1);
    for (let i = 0; i < 3; i++) await openai.chat.completions.create({ model: "auto", messages: msgs }, { switchyard: { taskType: "summarize" } } as never);
    await until(async () => (await calls(seq)).filter((c) => c.shadowOf).length === 3);
    await sy.flush();
    await until(async () => (await db().callContent.count({ where: { teamSeq: seq } })) === 6);
    const content = await db().callContent.findMany({ where: { teamSeq: seq } });
    const stored = await calls(seq);
    const shadowIds = new Set(stored.filter((c) => c.shadowOf).map((c) => c.id));
    for (const c of content) {
      expect(JSON.parse(c.input!)).toEqual({ messages: msgs });
      if (shadowIds.has(c.callId)) expect(c.output).toBe("I cannot help with that.");
      else expect(c.output).toMatch(/^Fake answer to /);
    }
    await workUntilIdle();
    const graded = await db().call.findMany({ where: { teamSeq: seq, shadowOf: { not: null } }, select: { outcome: true, outcomeSource: true } });
    expect(graded).toEqual([{ outcome: 0, outcomeSource: 3 }, { outcome: 0, outcomeSource: 3 }, { outcome: 0, outcomeSource: 3 }]);
  });

  it("sends tool calls in the chat shape, and nothing with captureContent: false", async () => {
    const { team, user, seq, ingest } = await h.setup();
    await setContentCapture(checkedTeamId(team.id), user.id, true);
    const tools = [{ type: "function" as const, function: { name: "lookup_order", parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] } } }];
    const captured = h.client(ingest.secret, { captureContent: true });
    await captured.openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs, tools }, { switchyard: { taskType: "tool_agent" } } as never);
    await captured.sy.flush();
    const plain = h.client(ingest.secret, { captureContent: false });
    await until(() => plain.sy.policyVersion === 0);
    await plain.openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs }, { switchyard: { taskType: "classify" } } as never);
    await plain.sy.flush();
    const content = await db().callContent.findMany({ where: { teamSeq: seq } });
    expect(content).toHaveLength(1);
    expect(JSON.parse(content[0].input!)).toMatchObject({ tools });
    expect(JSON.parse(content[0].output!)).toMatchObject({ tool_calls: [{ function: { name: "lookup_order", arguments: '{"order_id":"A-1001"}' } }] });
  });

  it("follows the team's setting when the app leaves captureContent unset, within a second of a change", async () => {
    const { team, user, seq, ingest } = await h.setup();
    const teamId = checkedTeamId(team.id);
    // What the SDK sends, seen on the way out: whether each event carries content.
    const sent: boolean[] = [];
    const watch: typeof fetch = async (input, init) => {
      if (String(input).endsWith("/api/v1/ingest")) for (const e of JSON.parse(gunzipSync(init!.body as Buffer).toString()).events) sent.push("output" in e);
      return fetch(input, init);
    };
    const { sy, openai } = h.client(ingest.secret, { pollIntervalMs: 60_000, fetch: watch }); // only the stream can tell it in time
    await until(() => sy.policyVersion === 0);
    const call = async () => {
      await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs }, { switchyard: { taskType: "classify" } } as never);
      await sy.flush();
      return sent.at(-1);
    };
    expect(await call()).toBe(false);
    await setContentCapture(teamId, user.id, true);
    const turnedOn = Date.now();
    await until(async () => (await call()) === true);
    expect(Date.now() - turnedOn).toBeLessThan(1000);
    expect(await db().callContent.count({ where: { teamSeq: seq } })).toBeGreaterThan(0);
    await setContentCapture(teamId, user.id, false);
    await until(async () => (await call()) === false);
    expect(sent.slice(sent.indexOf(true)).lastIndexOf(true)).toBeLessThan(sent.length - 1);
  });
});
