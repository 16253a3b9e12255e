import { db } from "@/lib/db";

export async function getInstanceSetting(key: string): Promise<string | null> {
  return (await db().instanceSetting.findUnique({ where: { key } }))?.value ?? null;
}
