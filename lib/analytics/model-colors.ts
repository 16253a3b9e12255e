import { stableFraction } from "@switchyard/sdk/core";

// One colour per model on every page and for every team: the catalog's models have their own; any other
// model gets one from its name's hash (two unknown models can then share a colour).
const CATALOG_COLORS: Record<string, string> = {
  "gpt-5.4-mini": "blue", "gpt-5.4-nano": "emerald", "gpt-5.4": "violet",
  "gpt-4.1": "indigo", "gpt-4.1-mini": "sky", "gpt-4.1-nano": "teal", "gpt-4o": "purple", "gpt-4o-mini": "cyan", "o4-mini": "orange",
};
const OTHER_COLORS = ["amber", "rose", "fuchsia", "lime", "pink", "yellow", "red", "stone"];

export const modelColor = (model: string) => CATALOG_COLORS[model] ?? OTHER_COLORS[Math.floor(stableFraction(model) * OTHER_COLORS.length)];
export const modelColors = (models: string[]) => models.map(modelColor);
