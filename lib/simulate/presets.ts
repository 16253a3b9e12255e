import type { Policy } from "@switchyard/sdk";

/** The article's router: many tools or a long context → mini; simple task types → nano; otherwise mini. */
export const ARTICLE_ROUTER: Policy = {
  defaultModel: "gpt-5.4-mini",
  rules: [
    { id: "multi-tool", when: { toolCount: { gte: 3 } }, model: "gpt-5.4-mini" },
    { id: "long-context", when: { contextTokens: { gt: 4000 } }, model: "gpt-5.4-mini" },
    { id: "simple", when: { taskType: ["classify", "route", "binary_decision", "simple_extract"] }, model: "gpt-5.4-nano" },
  ],
};

export const PRESETS = [{ id: "article-router", label: "The article's router", policy: ARTICLE_ROUTER }] as const;
