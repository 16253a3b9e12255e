// A process running only the server's job worker against DATABASE_URL: several of them stand for several
// server instances sharing one database. Run with: node --import tsx tests/support/worker-main.ts
import { startJobWorker } from "@/lib/jobs/worker";

startJobWorker();
console.log("working");
