// npm run demo:agent: a customer-support agent (6 tools, 3-6 step runs) plus classification and
// extraction calls, through the Switchyard SDK, against the fake OpenAI server and a running Switchyard.
// Watch the calls arrive, then publish a policy and watch the routing change on the next run.
import OpenAI from "openai";
import { Switchyard } from "@switchyard/sdk";
import { startFakeOpenAI } from "./server";

const TOOLS = ["search_orders", "get_customer", "refund_order", "update_address", "create_ticket", "send_email"].map((name) => ({
  type: "function" as const,
  function: { name, parameters: { type: "object", required: ["order_id"], properties: { order_id: { type: "string" } } } },
}));

async function main() {
  const baseUrl = process.env.SWITCHYARD_URL ?? "http://localhost:3000";
  const apiKey = process.env.SWITCHYARD_API_KEY;
  if (!apiKey) {
    console.error(`Set SWITCHYARD_API_KEY to an ingest key (create one on ${baseUrl}/<your team>/install or in Settings → API keys).`);
    process.exit(1);
  }
  const runs = Number(process.env.DEMO_RUNS ?? 50);
  // Nano drops tool arguments on the 2nd and 3rd step of a run a fifth of the time, as the article saw.
  const fake = await startFakeOpenAI({
    behave: (body) => ({
      delayMs: body.model === "gpt-5.4-nano" ? 30 : 50,
      kind: body.model === "gpt-5.4-nano" && body.tools && [2, 3].includes(body.messages?.length ?? 0) && Math.random() < 0.2 ? "bad_tool_args" : "ok",
    }),
  });
  const sy = new Switchyard({ apiKey, baseUrl });
  const openai = sy.wrap(new OpenAI({ apiKey: "sk-demo", baseURL: fake.url, maxRetries: 0 }));
  console.log(`demo agent: ${runs} runs against ${baseUrl} (fake OpenAI at ${fake.url})`);

  for (let run = 0; run < runs; run++) {
    const traceId = `support-${Date.now().toString(36)}-${run}`;
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: `Customer #${run}: my order has not arrived.` }];
    const intent = await openai.chat.completions.create({ model: "auto", messages }, { switchyard: { taskType: "classify" } } as never);
    const models = new Set<string>([intent.model]);
    const steps = 3 + (run % 4);
    for (let step = 0; step < steps; step++) {
      const res = await openai.chat.completions.create(
        { model: "auto", messages, tools: TOOLS },
        { switchyard: { taskType: "tool_agent", traceId, stepIndex: step, metadata: { feature: "support" } } } as never,
      );
      models.add(res.model);
      messages.push({ role: "assistant", content: `step ${step} done` });
    }
    await openai.chat.completions.create(
      { model: "auto", messages: [{ role: "user", content: "Extract the order id from: order A-1001 is late" }], response_format: { type: "json_object" } },
      { switchyard: { taskType: "extract" } } as never,
    );
    sy.outcome({ traceId, outcome: Math.random() < 0.88 ? "success" : "failure" });
    console.log(`run ${run + 1}/${runs}: ${steps} steps on ${[...models].join(", ")} (policy v${sy.policyVersion ?? 0})`);
  }
  await sy.close();
  await fake.close();
  console.log(`done: ${sy.stats().delivered} events delivered`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
