// A process serving Switchyard's /api/v1 handlers on PORT against DATABASE_URL (the fault test kills
// and restarts it). Run with: node --import tsx tests/support/api-server-main.ts
import { startApiServer } from "@/tests/support/api-server";

void startApiServer(Number(process.env.PORT)).then((server) => console.log(`listening ${server.url}`));
