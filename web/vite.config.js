// Builds the workbench into the Python package so `pip install warlog` serves it without node.
import { defineConfig } from "vite";

export default defineConfig({
  // Relative asset URLs: the page keeps working when warlog is served under a path prefix.
  base: "./",
  build: {
    outDir: "../src/warlog/serve/static",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    // Top-level await in main.js.
    target: "es2022",
  },
});
