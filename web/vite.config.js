// Builds the workbench into the Python package so `pip install warlog` serves it without node.
import { defineConfig } from "vite";

// The built page on one line: it is output, not a second copy of index.html to keep (HTML reads a
// newline and its indent as one space; the page has no <pre> and an empty <textarea>).
const htmlOnOneLine = {
  name: "html-on-one-line",
  enforce: "post",
  transformIndexHtml: (html) => html.replace(/\s*\n\s*/g, " ").trim() + "\n",
};

export default defineConfig({
  plugins: [htmlOnOneLine],
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
