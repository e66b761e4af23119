import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { resolveAppConfig } from "./scripts/lib/app-config.ts";

// Unit and component tests of the app (src/**). A fixed configuration, so tests never depend on
// whichever deployment record happens to exist on the machine.
const testAppConfig = resolveAppConfig({
  VITE_JOB_MARKET_ADDRESS: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  VITE_JOB_MARKET_LENS_ADDRESS: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
  VITE_DEPLOY_BLOCK: "1",
  VITE_DEPLOYMENT: "does-not-exist.json",
  // The native coin: the component tests that need a token give one through AssetContext.
  VITE_ASSET_ADDRESS: "0x0000000000000000000000000000000000000000",
});

export default defineConfig({
  plugins: [react()],
  define: { __FEDPAY_CONFIG__: JSON.stringify(testAppConfig) },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
    testTimeout: 60_000,
    // Vitest's default on this 2-core machine is one worker, but most files wait on a chain, a service
    // or a database rather than compute: three at once take a third of the time.
    maxWorkers: 3,
  },
});
