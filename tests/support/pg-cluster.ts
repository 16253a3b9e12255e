// A PostgreSQL cluster of the test's own, in a temporary folder on its own port, so a test can crash and
// restart it without touching the server other tests use. Uses the machine's PostgreSQL binaries.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// initdb and postgres refuse to run as root: run them as the postgres user when we are root.
function run(cmd: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  return execFileSync(asRoot ? "runuser" : cmd, asRoot ? ["-u", "postgres", "--", cmd, ...args] : args, { stdio: "pipe" }).toString();
}

/** The same, without blocking this process's event loop (so clients in it keep running meanwhile). */
async function runAsync(cmd: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  await promisify(execFile)(asRoot ? "runuser" : cmd, asRoot ? ["-u", "postgres", "--", cmd, ...args] : args);
}

export function startCluster(port: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sy-pg-"));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const pgctl = (...args: string[]) => run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", ...args]);
  const options = ["-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`];
  pgctl(...options, "start");
  return {
    url: (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    /** Crash-stops the server (no shutdown checkpoint, as a kill would), leaves it down `downMs`, starts it again. */
    /** Stops the server as a crash would, waits for `whileDown` to settle, and starts it again. */
    async crashRestart(whileDown: () => Promise<void>) {
      const ctl = (...args: string[]) => runAsync("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", ...args]);
      await ctl("-m", "immediate", "stop");
      await whileDown();
      await ctl(...options, "start");
    },
    stop() {
      try {
        pgctl("-m", "immediate", "stop");
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
