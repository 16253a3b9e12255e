// Reads a request body with a size cap, inflating gzip, and parses it as JSON.
import { gunzipSync } from "node:zlib";
import { AppError } from "@/lib/http/errors";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const tooLarge = (limit: number) =>
  new AppError(413, "payload_too_large", `Request body exceeds ${limit} bytes after decompression.`);

export async function readJson(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const raw = Buffer.from(await request.arrayBuffer());
  let text: string;
  if ((request.headers.get("content-encoding") ?? "").toLowerCase() === "gzip") {
    try {
      text = gunzipSync(raw, { maxOutputLength: limit }).toString("utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(limit);
      throw new AppError(400, "invalid_json", "Body is marked gzip but is not valid gzip data.");
    }
  } else {
    if (raw.byteLength > limit) throw tooLarge(limit);
    text = raw.toString("utf8");
  }
  if (text.trim() === "") throw new AppError(400, "invalid_json", "Request body is empty; expected JSON.");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError(400, "invalid_json", `Request body is not valid JSON: ${(err as Error).message}`);
  }
}
