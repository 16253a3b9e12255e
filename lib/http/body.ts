// Reads a request body with a size cap, inflating gzip, and parses it as JSON.
import { gunzipSync } from "node:zlib";
import { AppError, invalidField, tooLarge } from "@/lib/http/errors";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Deeper JSON is refused: nothing we accept nests this far, and deeper values overflow the stack later. */
export const MAX_JSON_DEPTH = 64;

const bodyTooLarge = (limit: number) => tooLarge(`Request body exceeds ${limit} bytes after decompression.`);

export async function readJson(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const raw = Buffer.from(await request.arrayBuffer());
  let text: string;
  if ((request.headers.get("content-encoding") ?? "").toLowerCase() === "gzip") {
    try {
      text = gunzipSync(raw, { maxOutputLength: limit }).toString("utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw bodyTooLarge(limit);
      throw new AppError("invalid_json", "Body is marked gzip but is not valid gzip data.");
    }
  } else {
    if (raw.byteLength > limit) throw bodyTooLarge(limit);
    text = raw.toString("utf8");
  }
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
