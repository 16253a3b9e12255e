import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { lockDataDir } from "./data-dir-lock";

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "sy-lock-"));
  dirs.push(d);
  return path.join(d, "pglite");
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it("lets one process hold a data directory, refuses another while it lives, and takes over after it ends", async () => {
  const mine = tempDir();
  lockDataDir(mine);
  lockDataDir(mine); // again in the same process
  expect(fs.readFileSync(`${mine}.lock`, "utf8")).toBe(String(process.pid));

  const other = tempDir();
  const holder = spawn("sleep", ["30"]);
  fs.writeFileSync(`${other}.lock`, String(holder.pid));
  expect(() => lockDataDir(other)).toThrow(`is in use by process ${holder.pid}`);
  holder.kill();
  await new Promise((r) => holder.once("exit", r));
  lockDataDir(other);
  expect(fs.readFileSync(`${other}.lock`, "utf8")).toBe(String(process.pid));

  // A process that ended without removing its lock (a crash) leaves it for the next one.
  const crashed = tempDir();
  fs.writeFileSync(`${crashed}.lock`, String(spawnSync("true").pid));
  expect(() => lockDataDir(crashed)).not.toThrow();
});
