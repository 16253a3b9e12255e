// The SDK's test bench: the real openai client against the fake OpenAI server, the SDK talking to
// Switchyard's own API handlers (tests/support/api-server.ts) on the test database. Registers its hooks.
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { Switchyard } from "@switchyard/sdk";
import { db } from "@/lib/db";
import { startFakeOpenAI, type Behaviour, type FakeOpenAI } from "@/packages/fake-openai/src/server";
import { startApiServer, type ApiServer } from "@/tests/support/api-server";
import { makeKey, makeOwner } from "@/tests/factories";

type Options = Partial<ConstructorParameters<typeof Switchyard>[0]>;

export const msgs = [{ role: "user" as const, content: "Is this a refund request?" }];

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Extraction to nano, escalating errors and malformed output to mini: the SDK tests' routed policy. */
export const NANO_FOR_EXTRACT = {
  defaultModel: "gpt-5.4-mini",
  rules: [{ id: "extract", when: { taskType: ["extract"] }, model: "gpt-5.4-nano" }],
  escalation: { model: "gpt-5.4-mini", on: ["error", "malformed_output"], maxAttempts: 2 },
};

/** Waits for the first published policy (version 1) to reach the SDK. */
export async function ready(sy: Switchyard) {
  await until(() => sy.policyVersion !== undefined);
  expect(sy.policyVersion).toBe(1);
}

export const calls = (seq: number) => db().call.findMany({ where: { teamSeq: seq }, orderBy: [{ ts: "asc" }, { attempt: "asc" }] });

type State = { fake: FakeOpenAI; api: ApiServer; behave: (body: Record<string, unknown>) => Behaviour; clients: Switchyard[] };

export function useSdkHarness() {
  async function publish(secret: string, policy: object, message = "test") {
    const res = await fetch(`${state.api.url}/api/v1/policy`, { method: "PUT", headers: { authorization: `Bearer ${secret}` }, body: JSON.stringify({ policy, message }) });
    return { status: res.status, body: await res.json() };
  }
  const state: State = { fake: undefined as never, api: undefined as never, behave: () => ({}), clients: [] };
  const h = Object.assign(state, {
    async setup(policy?: object) {
      const { team, user } = await makeOwner();
      const ingest = await makeKey(team.id, "ingest");
      const admin = await makeKey(team.id, "admin");
      if (policy) await publish(admin.secret, policy);
      const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
      return { team, user, seq, ingest, admin };
    },

    publish,

    client(key: string, extra: Options = {}, baseUrl = state.api.url) {
      const sy = new Switchyard({ apiKey: key, baseUrl, flushIntervalMs: 50, pollIntervalMs: 200, onWarning: () => undefined, ...extra });
      state.clients.push(sy);
      const openai = sy.wrap(new OpenAI({ apiKey: "sk-fake", baseURL: state.fake.url, maxRetries: 0 }));
      return { sy, openai };
    },
  });
  beforeAll(async () => {
    h.fake = await startFakeOpenAI({ behave: (body) => h.behave(body) });
    h.api = await startApiServer();
  });
  afterEach(async () => {
    h.behave = () => ({});
    await Promise.all(h.clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await h.fake.close();
    await h.api.close();
  });
  return h;
}
