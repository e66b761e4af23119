import { RainbowKitProvider, lightTheme } from "@rainbow-me/rainbowkit";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { WagmiProvider } from "wagmi";
import { appChain } from "./config/chain.ts";
import { wagmiConfig } from "./config/wagmi.ts";
import { AssetProvider } from "./components/AssetProvider.tsx";
import { AppRoutes } from "./routes.tsx";

// Chain reads are cheap on the local chain and refreshed by block watching, so queries do not
// refetch on window focus.
const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } },
});

export function App() {
  return (
    <WagmiProvider config={wagmiConfig}>
      <QueryClientProvider client={queryClient}>
        <RainbowKitProvider initialChain={appChain} theme={lightTheme({ accentColor: "#0f766e" })}>
          <AssetProvider>
            <AppRoutes />
          </AssetProvider>
        </RainbowKitProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
