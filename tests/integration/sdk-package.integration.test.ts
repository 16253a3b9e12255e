// The SDK as an app installs it: the package npm packs, unpacked into a consumer's node_modules beside the
// real openai, compiled by TypeScript under each module resolution apps use (node16, nodenext, bundler),
// and loaded by Node through both entry points; then run against the fake OpenAI server with openai 7 and
// with openai 6 (the peer range covers both). skipLibCheck as most apps have it: a declaration that fails to
// resolve then shows only as Switchyard turning into any, which the consumer's @ts-expect-error catches.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI } from "@/packages/fake-openai/src/server";

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
let dir = "";

const CONSUMER = `
import OpenAI from "openai";
import { Switchyard, type CallContext } from "@switchyard/sdk";
const sy = new Switchyard({ apiKey: "k", baseUrl: "http://127.0.0.1:9" });
const client: OpenAI = sy.wrap(new OpenAI({ apiKey: "x" }), { taskType: "classify" });
const context: CallContext = { taskType: "tool_agent", traceId: "run-1" };
export const pending = sy.run(context, () => client.chat.completions.create({ model: "auto", messages: [] }));
// @ts-expect-error the options are typed: were the declarations lost, Switchyard would be any and this would pass
new Switchyard({ baseUrl: 42 });
`;

// What an app does with the client, each result reduced to whether it worked; the events it queued.
const SMOKE = `
import OpenAI from "openai";
import { Switchyard } from "@switchyard/sdk";
const sy = new Switchyard({ apiKey: "k", baseUrl: "http://127.0.0.1:9", policy: false, flushIntervalMs: 600000, onWarning: () => {} });
const openai = sy.wrap(new OpenAI({ apiKey: "x", baseURL: process.env.FAKE_URL, maxRetries: 0 }));
const body = { model: "gpt-5.4-mini", messages: [{ role: "user", content: "hi" }] };
const schema = { type: "object", properties: { answer: { type: "string" }, confidence: { type: "number" } }, required: ["answer", "confidence"], additionalProperties: false };
const out = {};
out.version = (await import("openai/version")).VERSION;
out.withOptions = !!Switchyard.callIdOf(await openai.withOptions({ timeout: 5000 }).chat.completions.create(body));
let chunks = 0;
for await (const _ of await openai.chat.completions.create({ ...body, stream: true })) chunks++;
out.stream = chunks > 1;
out.withResponse = !!(await openai.chat.completions.create(body).withResponse()).request_id;
out.parse = (await openai.responses.parse({ model: "gpt-5.4-mini", input: "x", text: { format: { type: "json_schema", name: "a", strict: true, schema } } })).output_parsed?.answer === "ok";
const viaFetch = new OpenAI({ apiKey: "x", baseURL: process.env.FAKE_URL, maxRetries: 0, fetch: sy.fetch });
out.fetch = (await viaFetch.chat.completions.create(body)).choices.length === 1;
out.queued = sy.stats().queued;
console.log(JSON.stringify(out));
process.exit(0);
`;

function tsc(config: object) {
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: "es2022", skipLibCheck: true, types: ["node"], ...config }, files: ["esm.mts", "cjs.cts"] }));
  try {
    execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
    return "";
  } catch (err) {
    return String((err as { stdout?: string }).stdout);
  }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sy-consumer-"));
  execFileSync("npm", ["run", "build", "-w", "@switchyard/sdk", "--silent"], { cwd: root, stdio: "ignore" });
  const tgz = execFileSync("npm", ["pack", "-w", "@switchyard/sdk", "--pack-destination", dir, "--silent"], { cwd: root, encoding: "utf8" }).trim().split("\n").at(-1)!;
  const target = path.join(dir, "node_modules/@switchyard/sdk");
  fs.mkdirSync(target, { recursive: true });
  execFileSync("tar", ["-xzf", path.join(dir, tgz), "-C", target, "--strip-components=1"]);
  for (const dep of ["openai", "zod", "ajv", "eventsource-parser", "@types/node", "undici-types", "fast-deep-equal", "fast-uri", "json-schema-traverse", "require-from-string"]) {
    fs.mkdirSync(path.dirname(path.join(dir, "node_modules", dep)), { recursive: true });
    fs.symlinkSync(path.join(root, "node_modules", dep), path.join(dir, "node_modules", dep));
  }
  fs.writeFileSync(path.join(dir, "esm.mts"), CONSUMER);
  fs.writeFileSync(path.join(dir, "smoke.mjs"), SMOKE);
  fs.writeFileSync(path.join(dir, "cjs.cts"), CONSUMER.replace("export const pending", "export const pendingCjs"));
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the packed SDK", () => {
  it.each([
    ["node16", { module: "node16", moduleResolution: "node16" }],
    ["nodenext", { module: "nodenext", moduleResolution: "nodenext" }],
    ["bundler", { module: "esnext", moduleResolution: "bundler" }],
  ])("type-checks in an app under %s resolution, ESM and CommonJS, with its types intact", (_name, config) => {
    expect(tsc(config)).toBe("");
  }, 60_000);

  it("loads through import and require", () => {
    const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: dir, encoding: "utf8" }).trim();
    expect(run(["--input-type=module", "-e", "import { Switchyard } from '@switchyard/sdk'; console.log(typeof Switchyard.prototype.run)"])).toBe("function");
    expect(run(["-e", "console.log(typeof require('@switchyard/sdk').Switchyard.prototype.run)"])).toBe("function");
  });

  it.each([
    ["7", path.join(root, "node_modules/openai")],
    ["6", path.join(root, "packages/openai6/node_modules/openai")],
  ])("works with openai %s: withOptions, streams, withResponse, responses.parse and the fetch shim", async (major, openai) => {
    const link = path.join(dir, "node_modules/openai");
    fs.rmSync(link);
    fs.symlinkSync(openai, link);
    expect(tsc({ module: "nodenext", moduleResolution: "nodenext" })).toBe("");
    const fake = await startFakeOpenAI();
    try {
      const { stdout } = await exec(process.execPath, ["smoke.mjs"], { cwd: dir, env: { ...process.env, FAKE_URL: fake.url } });
      const out = JSON.parse(stdout);
      expect(out.version.split(".")[0]).toBe(major);
      expect(out).toEqual({ version: out.version, withOptions: true, stream: true, withResponse: true, parse: true, fetch: true, queued: 5 });
    } finally {
      await fake.close();
    }
  }, 60_000);
});
