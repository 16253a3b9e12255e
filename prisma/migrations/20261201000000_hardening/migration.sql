-- CreateTable
CREATE TABLE "RepriceJob" (
    "id" TEXT NOT NULL,
    "teamSeq" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "fromTs" TIMESTAMPTZ(3) NOT NULL,
    "toTs" TIMESTAMPTZ(3),
    "cursor" TIMESTAMPTZ(3) NOT NULL,
    "repriced" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RepriceJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateBucket" (
    "keyId" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "allowed" BOOLEAN NOT NULL,

    CONSTRAINT "RateBucket_pkey" PRIMARY KEY ("keyId")
);

-- CreateIndex
CREATE INDEX "RepriceJob_teamSeq_finishedAt_idx" ON "RepriceJob"("teamSeq", "finishedAt");

-- Tokens in a bucket after refilling it for the time since `at` (lib/ingest/rate-limit.ts).
CREATE FUNCTION sy_bucket_refill(tokens float8, at timestamptz, capacity float8, per_second float8) RETURNS float8
LANGUAGE sql STABLE AS $$ SELECT LEAST(capacity, tokens + EXTRACT(EPOCH FROM (now() - at))::float8 * per_second) $$;
