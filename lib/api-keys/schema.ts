import { z } from "zod";

export const keyScopeSchema = z.enum(["ingest", "read", "admin"], { message: "must be ingest, read or admin" });

export const createKeySchema = z.object({
  name: z.string().trim().min(1, "Give the key a name.").max(64, "Keep the name under 64 characters."),
  scope: keyScopeSchema,
});
