// Reads a request body with a size cap, inflating gzip, and (readJson) parses it as JSON.
import { gunzipSync } from "node:zlib";
import { AppError, invalidField, tooLarge } from "@/lib/http/errors";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Deeper JSON is refused: nothing we accept nests this far, and deeper values overflow the stack later. */
export const MAX_JSON_DEPTH = 64;

const bodyTooLarge = (limit: number) => tooLarge(`Request body exceeds ${limit} bytes after decompression.`);

/** The body's bytes, inflated when it is gzip; `code` is the error a broken gzip body gets. */
export async function readBytes(request: Request, limit = MAX_BODY_BYTES, code: "invalid_json" | "validation_error" = "validation_error"): Promise<Buffer> {
  const raw = Buffer.from(await request.arrayBuffer());
  if ((request.headers.get("content-encoding") ?? "").toLowerCase() === "gzip") {
    try {
      return gunzipSync(raw, { maxOutputLength: limit });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw bodyTooLarge(limit);
      throw new AppError(code, "Body is marked gzip but is not valid gzip data.");
    }
  }
  if (raw.byteLength > limit) throw bodyTooLarge(limit);
  return raw;
}

export async function readJson(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const text = (await readBytes(request, limit, "invalid_json")).toString("utf8");
  if (text.trim() === "") throw new AppError("invalid_json", "Request body is empty; expected JSON.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError("invalid_json", `Request body is not valid JSON: ${(err as Error).message}`);
  }
  checkDepth(value, MAX_JSON_DEPTH);
  return value;
}

type Node = { value: object; depth: number; key: string; parent: Node | null };

/** Refuses JSON nested deeper than `max`, naming where it first goes too deep. Iterative: no recursion. */
export function checkDepth(root: unknown, max: number) {
  if (root === null || typeof root !== "object") return;
  const stack: Node[] = [{ value: root, depth: 0, key: "", parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.depth >= max) throw tooDeep(node, max);
    const value = node.value as Record<string, unknown>;
    for (const key in value) {
      const child = value[key];
      if (child !== null && typeof child === "object") stack.push({ value: child, depth: node.depth + 1, key, parent: node });
    }
  }
}

function tooDeep(node: Node, max: number) {
  const path: string[] = [];
  for (let n: Node | null = node; n?.parent; n = n.parent) path.unshift(n.key);
  return invalidField(path.slice(0, 4).join(".") + (path.length > 4 ? ".…" : ""), `nested deeper than ${max} levels`);
}
