// The SDK as an app installs it: the package npm packs, unpacked into a consumer's node_modules beside the
// real openai, compiled by TypeScript under each module resolution apps use (node16, nodenext, bundler),
// and loaded by Node through both entry points. skipLibCheck as most apps have it: a declaration that fails to
// resolve then shows only as Switchyard turning into any, which the consumer's @ts-expect-error catches.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

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
  for (const dep of ["openai", "zod", "ajv", "@types/node", "undici-types", "fast-deep-equal", "fast-uri", "json-schema-traverse", "require-from-string"]) {
    fs.mkdirSync(path.dirname(path.join(dir, "node_modules", dep)), { recursive: true });
    fs.symlinkSync(path.join(root, "node_modules", dep), path.join(dir, "node_modules", dep));
  }
  fs.writeFileSync(path.join(dir, "esm.mts"), CONSUMER);
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
});
