import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig, loadEnv } from "vite";
import { resolveAppConfig } from "./scripts/lib/app-config.ts";

// The chain and contract are fixed at build (or dev-server start) time from VITE_* variables and
// the deployment record: see README "Other chains".
export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), "VITE_"), ...pickViteEnv(process.env) };
  const appConfig = resolveAppConfig(env);
  return {
    plugins: [react(), tailwindcss()],
    // Slim stand-ins for two packages RainbowKit loads on every page but the app never needs whole
    // (first-load JavaScript budget, docs/rules.md §10; why each is safe: the files' own comments).
    resolve: {
      alias: {
        "ua-parser-js": fileURLToPath(new URL("./src/app/vendor/ua-parser.ts", import.meta.url)),
        "@adraffy/ens-normalize": fileURLToPath(
          new URL("./src/app/vendor/ens-normalize.ts", import.meta.url),
        ),
      },
    },
    define: { __FEDPAY_CONFIG__: JSON.stringify(appConfig) },
    server: { host: "127.0.0.1", port: Number(process.env.PORT ?? 5173), strictPort: false },
    preview: { host: "127.0.0.1" },
    build: { target: "es2022", sourcemap: false, chunkSizeWarningLimit: 1200 },
  };
});

function pickViteEnv(source: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [key, value] of Object.entries(source))
    if (key.startsWith("VITE_") && value !== undefined) picked[key] = value;
  return picked;
}
