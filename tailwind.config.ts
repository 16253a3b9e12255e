import type { Config } from "tailwindcss";

// Tailwind 3, which Tremor (charts, issue 5) requires; Tremor's theme tokens are added with the charts.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: { extend: {} },
  plugins: [],
};
export default config;
