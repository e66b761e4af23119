import "@rainbow-me/rainbowkit/styles.css";
import "./index.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { preloadPage } from "./routes.tsx";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
// The page opened directly renders with the shell, not after it: its code starts loading now, not
// at the first render, and the first render waits for it. Rendered without it, the page would
// suspend, show "Loading page…", and React would then hold it back up to 300 ms (fallback throttle).
void preloadPage(window.location.pathname).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
