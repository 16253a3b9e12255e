// One process at a time on an embedded database directory. PGlite has no lock of its own: a second server
// started on the same directory (a forgotten `npm start` in another terminal) opened it beside the first,
// and the directory could no longer be opened at all ("Aborted()"). A lock file beside the directory names
// the process that holds it; a lock whose process has ended is taken over.
import fs from "node:fs";
import path from "node:path";

const held = new Set<string>();

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Takes `dir`'s lock for this process (again is fine), or throws naming the process that has it. */
export function lockDataDir(dir: string) {
  const file = `${path.resolve(dir)}.lock`;
  if (held.has(file)) return;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      held.add(file);
      process.once("exit", () => {
        if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.rmSync(file, { force: true });
      });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(fs.readFileSync(file, "utf8"));
      if (holder === process.pid) return void held.add(file);
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(`the embedded database in ${path.resolve(dir)} is in use by process ${holder} (another Switchyard server?); stop it, or set SWITCHYARD_DATA_DIR to another directory (if no server uses it, delete ${file})`);
      }
      fs.rmSync(file, { force: true }); // its process has ended
    }
  }
  throw new Error(`could not take the lock ${file}`);
}
