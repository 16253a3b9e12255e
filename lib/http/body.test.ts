import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkDepth, readJson } from "@/lib/http/body";
import { AppError } from "@/lib/http/errors";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/v1/x", { method: "POST", body, headers });

async function failure(promise: Promise<unknown>) {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("readJson", () => {
  it("parses plain and gzip bodies", async () => {
    expect(await readJson(post('{"a":1}'))).toEqual({ a: 1 });
    expect(await readJson(post(gzipSync('{"b":2}'), { "content-encoding": "gzip" }))).toEqual({ b: 2 });
  });

  it("answers 400 invalid_json for malformed, empty and fake-gzip bodies", async () => {
    for (const req of [post("{oops"), post(""), post("not gzip", { "content-encoding": "gzip" })]) {
      const err = await failure(readJson(req));
      expect([err.status, err.code]).toEqual([400, "invalid_json"]);
    }
  });

  it("answers 413 past the limit, also when the limit is reached only after inflating", async () => {
    const big = JSON.stringify({ pad: "x".repeat(2000) });
    expect((await failure(readJson(post(big), 1000))).status).toBe(413);
    const bomb = gzipSync(big);
    expect(bomb.byteLength).toBeLessThan(1000);
    expect((await failure(readJson(post(bomb, { "content-encoding": "gzip" }), 1000))).status).toBe(413);
  });
});

describe("checkDepth", () => {
  it("refuses JSON nested past the limit, naming where, without overflowing the stack", async () => {
    const deep = `{"events":[{"id":"a","input":${"[".repeat(20_000)}${"]".repeat(20_000)}}]}`;
    const err = await failure(readJson(post(deep)));
    expect([err.status, err.code]).toEqual([400, "validation_error"]);
    expect(err.issues?.[0].path).toBe("events.0.input.0.…");
  });

  it("accepts JSON exactly at the limit", () => {
    let value: unknown = 1;
    for (let i = 0; i < 64; i++) value = [value];
    expect(() => checkDepth(value, 64)).not.toThrow();
    expect(() => checkDepth([value], 64)).toThrow(/nested deeper than 64/);
  });
});
