/// <reference types="vite/client" />

/** Injected by vite.config.ts from VITE_* variables and the deployment record (scripts/lib/app-config.ts). */
declare const __FEDPAY_CONFIG__: import("./config/buildConfig.ts").FedPayAppConfig;
