-- An LLM judge's daily spend cap sums the evaluator's scores since midnight UTC before each round: this
-- index reaches today's rows without reading all its scores. It serves lookups by evaluator alone too.
DROP INDEX "Score_evaluatorId_idx";
CREATE INDEX "Score_evaluatorId_at_idx" ON "Score"("evaluatorId", "at");
